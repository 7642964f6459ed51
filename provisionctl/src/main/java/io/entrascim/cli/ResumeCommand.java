package io.entrascim.cli;

import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code provisionctl resume}: source-connector {@code POST /api/resume}. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Resume provisioning from where it stopped; an incremental cycle starts at once.")
final class ResumeCommand extends OperatorCommand {

    @Override
    int execute(Context ctx) throws ServiceException {
        JsonNode r = ctx.source().post("/api/resume", null);
        ctx.output().detail(r, new Table("paused").row(r.path("paused").asBoolean()),
                out -> out.println("Provisioning resumed (source-connector at " + ctx.settings().sourceUrl()
                        + "); an incremental cycle was triggered."));
        return ExitCodes.OK;
    }
}
