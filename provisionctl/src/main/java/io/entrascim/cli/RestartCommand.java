package io.entrascim.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code provisionctl restart}: source-connector {@code POST /api/restart?scope=watermark|full}. */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Restart provisioning with Graph's restart criteria.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:restarted", "2:unknown scope, or a scope the services do not support yet",
                "4:source-connector unreachable", "5:source-connector answered an error"})
final class RestartCommand extends OperatorCommand {

    enum Scope { WATERMARK, FULL, ESCROWS, QUARANTINE }

    @Option(names = "--scope", defaultValue = "WATERMARK",
            description = "watermark: forget the delta tokens and run an initial cycle; full: also forget what was "
                    + "provisioned (the connector's snapshots); escrows, quarantine: not offered by the services yet "
                    + "(default: watermark)")
    Scope scope;

    @Override
    int execute(Context ctx) throws ServiceException, UsageException {
        if (scope == Scope.ESCROWS || scope == Scope.QUARANTINE) {
            // No service has an endpoint for these yet; saying so beats a restart that silently does something else.
            throw new UsageException("restart --scope " + scope.name().toLowerCase() + " is not supported by the services "
                    + "yet: source-connector's POST /api/restart accepts only scope=watermark or scope=full, and scim-sink "
                    + "has no " + (scope == Scope.ESCROWS ? "escrow" : "quarantine") + " reset endpoint");
        }
        String name = scope.name().toLowerCase();
        JsonNode r = ctx.source().post("/api/restart" + Query.of().add("scope", name), null);
        ctx.output().detail(r, new Table("restarted", "initialCycleQueued")
                        .row(Output.text(r.path("restarted")), r.path("initialCycleQueued").asBoolean()),
                out -> {
                    out.println("Restarted (scope " + Output.orDash(r.path("restarted")) + ").");
                    out.println(r.path("initialCycleQueued").asBoolean() ? "An initial cycle is queued."
                            : "No cycle queued (the connector is paused or a cycle is already queued): run 'provisionctl resume' if paused.");
                });
        return ExitCodes.OK;
    }
}
