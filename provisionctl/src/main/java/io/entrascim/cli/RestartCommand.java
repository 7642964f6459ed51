package io.entrascim.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code provisionctl restart}: source-connector {@code POST /api/restart?scope=watermark|full}, or scim-sink
 * {@code POST /api/quarantine/release} for {@code --scope quarantine}.
 */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Restart provisioning with Graph's restart criteria (source-connector), or release scim-sink's "
                + "target quarantine at once (--scope quarantine).",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:restarted (quarantine: released)", "2:unknown scope, or a scope the services do not support yet (escrows)",
                "4:source-connector (scim-sink for quarantine) unreachable",
                "5:source-connector (scim-sink for quarantine) answered an error (401: --sink-token)"})
final class RestartCommand extends OperatorCommand {

    enum Scope { WATERMARK, FULL, ESCROWS, QUARANTINE }

    @Option(names = "--scope", defaultValue = "WATERMARK",
            description = "watermark: forget the delta tokens and run an initial cycle; full: also forget what was "
                    + "provisioned (the connector's snapshots); quarantine: scim-sink leaves quarantine and tries the held command now; "
                    + "escrows: not offered by the services yet (default: watermark)")
    Scope scope;

    @Override
    int execute(Context ctx) throws ServiceException, UsageException {
        if (scope == Scope.ESCROWS) {
            // No service has an endpoint for it; saying so beats a restart that silently does something else.
            throw new UsageException("restart --scope escrows is not supported by the services yet: source-connector's "
                    + "POST /api/restart accepts only scope=watermark or scope=full, and scim-sink has no escrow reset "
                    + "endpoint (it offers only the quarantine release: --scope quarantine)");
        }
        if (scope == Scope.QUARANTINE) {
            return releaseQuarantine(ctx);
        }
        String name = scope.name().toLowerCase();
        JsonNode r = ctx.source().post("/api/restart" + Query.of().add("scope", name), null);
        ctx.output().detail(r, new Table("restarted", "initialCycleQueued")
                        .row(Output.text(r.path("restarted")), r.path("initialCycleQueued").asBoolean()),
                out -> {
                    out.println("Restarted (scope " + Output.orDash(r.path("restarted")) + ").");
                    out.println(r.path("initialCycleQueued").asBoolean() ? "An initial cycle is queued."
                            : "No cycle queued (the connector is paused or a cycle is already queued): run 'provisionctl resume --source' if paused.");
                });
        return ExitCodes.OK;
    }

    private static int releaseQuarantine(Context ctx) throws ServiceException {
        JsonNode r = ctx.sink().post("/api/quarantine/release", null);
        ctx.output().detail(r, SinkState.table(r), out -> {
            out.println("Quarantine released (scim-sink at " + ctx.settings().sinkUrl() + "): " + SinkState.line(r));
            String still = SinkState.stillStopped(r);
            if (still != null) {
                out.println("Note: " + still + ".");
            }
        });
        return ExitCodes.OK;
    }
}
