package io.entrascim.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code provisionctl restart}: source-connector {@code POST /api/restart?scope=watermark|full}; scim-sink
 * {@code POST /api/restart?scope=escrows} for {@code --scope escrows} and {@code POST /api/quarantine/release} for
 * {@code --scope quarantine}.
 */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Restart provisioning with Graph's restart criteria: watermark and full restart source-connector's "
                + "cycles; escrows makes scim-sink retry its parked member/manager references now; quarantine releases "
                + "scim-sink's target quarantine at once.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:restarted (escrows: retried, whatever each escrow's outcome; quarantine: released)",
                "2:unknown scope",
                "4:source-connector (scim-sink for escrows and quarantine) unreachable",
                "5:source-connector (scim-sink for escrows and quarantine) answered an error (401: --sink-token; "
                        + "404 for escrows: the sink is an older build without POST /api/restart?scope=escrows)"})
final class RestartCommand extends OperatorCommand {

    enum Scope { WATERMARK, FULL, ESCROWS, QUARANTINE }

    @Option(names = "--scope", defaultValue = "WATERMARK",
            description = "watermark: forget the delta tokens and run an initial cycle; full: also forget what was "
                    + "provisioned (the connector's snapshots); escrows: scim-sink retries its parked member/manager references "
                    + "now; quarantine: scim-sink leaves quarantine and tries the held command now (default: watermark)")
    Scope scope;

    @Override
    int execute(Context ctx) throws ServiceException, UsageException {
        if (scope == Scope.ESCROWS) {
            return retryEscrows(ctx);
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

    /**
     * Escrows are the sink's, not the source's: a group member or manager whose target object does not exist yet is
     * parked there, so the escrow restart goes to scim-sink, never to source-connector's cycle restart.
     */
    private static int retryEscrows(Context ctx) throws ServiceException {
        JsonNode r;
        try {
            r = ctx.sink().post("/api/restart" + Query.of().add("scope", "escrows"), null);
        } catch (ServiceException e) {
            if (e.kind() == ServiceException.Kind.ERROR && e.status() == 404) {
                throw new ServiceException(ServiceException.Kind.ERROR, 404, "scim-sink at " + ctx.settings().sinkUrl()
                        + " has no POST /api/restart?scope=escrows (an older build): upgrade scim-sink to retry escrows on "
                        + "demand; until then it retries them by itself as their references are provisioned");
            }
            throw e;
        }
        ctx.output().detail(r, new Table("scope", "retried", "resolved", "stillParked", "dropped")
                        .row(Output.text(r.path("scope")), Output.text(r.path("retried")), Output.text(r.path("resolved")),
                                Output.text(r.path("stillParked")), Output.text(r.path("dropped"))),
                out -> {
                    out.println("Escrows retried (scim-sink at " + ctx.settings().sinkUrl() + "): " + r.path("retried").asLong()
                            + " retried, " + r.path("resolved").asLong() + " resolved, " + r.path("stillParked").asLong()
                            + " still parked, " + r.path("dropped").asLong() + " dropped.");
                    if (r.path("stillParked").asLong() > 0) {
                        out.println("Still parked: the member or group they refer to is not in the target yet; the sink "
                                + "adds them as soon as it is ('provisionctl logs --status warning' lists them as UnresolvedReference).");
                    }
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
