package io.entrascim.cli;

import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code provisionctl pause}: source-connector {@code POST /api/pause}. */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = "Pause provisioning: the source connector stops reading Graph; nothing is lost, resume continues.")
final class PauseCommand extends OperatorCommand {

    @Override
    int execute(Context ctx) throws ServiceException {
        JsonNode r = ctx.source().post("/api/pause", null);
        ctx.output().detail(r, new Table("paused").row(r.path("paused").asBoolean()),
                out -> out.println("Provisioning paused (source-connector at " + ctx.settings().sourceUrl() + ")."));
        return ExitCodes.OK;
    }
}
