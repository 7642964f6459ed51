package io.entrascim.cli;

import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code provisionctl trigger}: source-connector {@code POST /api/cycles/trigger}. */
@Command(name = "trigger", mixinStandardHelpOptions = true,
        description = "Run an incremental cycle now instead of waiting for the poll interval.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:cycle queued (or one was already queued)", "4:source-connector unreachable",
                "5:source-connector answered an error (409: the connector is paused)"})
final class TriggerCommand extends OperatorCommand {

    @Override
    int execute(Context ctx) throws ServiceException {
        JsonNode r = ctx.source().post("/api/cycles/trigger", null);
        boolean already = r.path("alreadyQueued").asBoolean(false);
        ctx.output().detail(r, new Table("accepted", "alreadyQueued").row(r.path("accepted").asBoolean(), already),
                out -> out.println(already ? "A cycle was already queued." : "Incremental cycle queued."));
        return ExitCodes.OK;
    }
}
