package io.entrascim.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code provisionctl replay}: re-publishes dead-lettered commands. Result ids alone go through audit-service's
 * {@code POST /api/provisioning-logs/replay} (it checks each id is a failure in the log and records who asked);
 * any other filter goes straight to scim-sink's {@code POST /api/dead-letters/replay}, the only API that takes
 * them. {@code --via} overrides the choice.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay dead-lettered commands (failures) with filters; --dry-run shows what would be replayed.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:replayed (or matched, with --dry-run)", "2:no filter given, filters the chosen API does not take, or a bad value (--since/--until not an ISO instant, "
                + "unknown --error-class, --http-status outside 100..599)",
                "4:service unreachable", "5:service answered an error (401/403: token; 502: audit could not reach the sink)"})
final class ReplayCommand extends OperatorCommand {

    enum Via { AUTO, SINK, AUDIT }

    @Option(names = "--result-id", split = ",", paramLabel = "ID", description = "FAILURE result id(s) from the log (repeatable or comma-separated)")
    List<String> resultIds = new ArrayList<>();
    @Option(names = "--command-id", split = ",", paramLabel = "ID", description = "dead-lettered command id(s) (sink only)")
    List<String> commandIds = new ArrayList<>();
    @Option(names = "--source-id", split = ",", paramLabel = "ID", description = "Entra object id(s) (sink only)")
    List<String> sourceObjectIds = new ArrayList<>();
    @Option(names = "--since", paramLabel = "INSTANT", description = "last failure at or after this ISO instant (sink only)")
    String since;
    @Option(names = "--until", paramLabel = "INSTANT", description = "last failure before this ISO instant (sink only)")
    String until;
    @Option(names = "--error-class", description = "retriable, permanent or conflict, as the sink classifies failures (sink only)")
    String errorClass;
    @Option(names = "--http-status", description = "the target's HTTP status, e.g. 409 (sink only)")
    Integer httpStatus;
    @Option(names = "--all", description = "replay every dead letter (required when no filter is given)")
    boolean all;
    @Option(names = "--dry-run", description = "only list what would be replayed")
    boolean dryRun;
    @Option(names = "--via", defaultValue = "AUTO",
            description = "auto (audit for result ids only, else sink), sink or audit (default: ${DEFAULT-VALUE})")
    Via via;

    @Override
    int execute(Context ctx) throws ServiceException, UsageException {
        boolean otherFilters = !commandIds.isEmpty() || !sourceObjectIds.isEmpty() || since != null || until != null
                || errorClass != null || httpStatus != null;
        if (resultIds.isEmpty() && !otherFilters && !all) {
            throw new UsageException("give a filter (--result-id, --command-id, --source-id, --since, --until, --error-class, "
                    + "--http-status) or --all to replay every dead letter");
        }
        Flags.instant("--since", since);
        Flags.instant("--until", until);
        // the sink matches the error class as a plain string: a typo would match nothing instead of failing
        Flags.oneOf("--error-class", errorClass, false, "retriable", "permanent", "conflict");
        Flags.range("--http-status", httpStatus, 100, 599);
        boolean viaAudit = via == Via.AUDIT || (via == Via.AUTO && !resultIds.isEmpty() && !otherFilters && !all);
        JsonNode response;
        JsonNode sinkPart;
        if (viaAudit) {
            if (otherFilters || all || resultIds.isEmpty()) {
                throw new UsageException("--via audit takes only --result-id: audit-service's replay API has no "
                        + "command, source, time, error-class or http-status filter (use --via sink)");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("resultIds", resultIds);
            body.put("dryRun", dryRun);
            response = ctx.audit().post("/api/provisioning-logs/replay", body);
            sinkPart = response.path("sink");
        } else {
            Map<String, Object> body = new LinkedHashMap<>();
            putList(body, "commandIds", commandIds);
            putList(body, "resultIds", resultIds);
            putList(body, "sourceObjectIds", sourceObjectIds);
            body.put("from", since);
            body.put("to", until);
            body.put("errorClass", errorClass);
            body.put("httpStatus", httpStatus);
            body.put("dryRun", dryRun);
            body.values().removeIf(v -> v == null);
            response = ctx.sink().post("/api/dead-letters/replay", body);
            sinkPart = response;
        }
        Table t = DeadLetters.table(sinkPart.path("items"));
        ctx.output().list(response, t);
        if (ctx.output().format() != Output.Format.JSON) {
            ctx.err().println((sinkPart.path("dryRun").asBoolean(dryRun) ? "dry run: " : "") + "matched "
                    + sinkPart.path("matched").asInt(0) + ", replayed " + sinkPart.path("replayed").asInt(0)
                    + (viaAudit ? " (via audit-service)" : " (via scim-sink)"));
            for (JsonNode rejected : response.path("rejected")) {
                ctx.err().println("not replayed: " + rejected.asString() + " is not a failure result in the log");
            }
        }
        return ExitCodes.OK;
    }

    private static void putList(Map<String, Object> body, String name, List<String> values) {
        if (!values.isEmpty()) {
            body.put(name, values);
        }
    }
}
