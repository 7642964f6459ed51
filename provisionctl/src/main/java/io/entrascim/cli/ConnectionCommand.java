package io.entrascim.cli;

import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code provisionctl connection test}: scim-sink {@code POST /api/connection/test}. */
@Command(name = "connection", mixinStandardHelpOptions = true, description = "Check the connection to the SCIM target.",
        subcommands = ConnectionCommand.Test.class)
final class ConnectionCommand {

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Entra's Test Connection: the sink queries the target's /Users with a filter that cannot match.",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:the target answered as a SCIM service should", "4:scim-sink unreachable",
                    "5:the test failed (the message says what to fix) or scim-sink answered an error"})
    static final class Test extends OperatorCommand {

        @Override
        int execute(Context ctx) throws ServiceException {
            JsonNode r = ctx.sink().post("/api/connection/test", null);
            boolean ok = r.path("ok").asBoolean(false);
            Table csv = new Table("ok", "httpStatus", "durationMs", "message", "warnings");
            csv.row(ok, Output.text(r.path("httpStatus")), Output.text(r.path("durationMs")), Output.text(r.path("message")),
                    String.join("; ", r.path("warnings").valueStream().map(JsonNode::asString).toList()));
            ctx.output().detail(r, csv, out -> {
                out.println((ok ? "OK" : "FAILED") + " (" + (r.path("httpStatus").isNumber() ? "HTTP " + r.path("httpStatus").asInt() + ", " : "")
                        + r.path("durationMs").asLong() + " ms): " + Output.orDash(r.path("message")));
                for (JsonNode w : r.path("warnings")) {
                    out.println("warning: " + w.asString());
                }
            });
            return ok ? ExitCodes.OK : ExitCodes.SERVICE_ERROR;
        }
    }
}
