package io.entrascim.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code provisionctl logs}: audit-service {@code GET /api/provisioning-logs} with its filters, and
 * {@code logs show <changeId>}: {@code GET /api/provisioning-logs/{changeId}}.
 */
@Command(name = "logs", mixinStandardHelpOptions = true, subcommands = LogsCommand.Show.class,
        description = "Query the provisioning log (audit-service; needs a reader token).",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:listed", "2:usage error, or a filter value the log does not take (checked before any call: "
                + "--since/--until, --status, --action, --object-type, --reported-by, --sort, --limit)", "4:audit-service unreachable",
                "5:audit-service answered an error (401 bad token, 400 bad filter)"})
final class LogsCommand extends OperatorCommand {

    @Option(names = "--status", description = "comma-separated: success, failure, skipped, warning")
    String status;
    @Option(names = "--action", description = "comma-separated: create, update, delete, disable, stagedDelete, other")
    String action;
    @Option(names = "--object-type", description = "User or Group")
    String objectType;
    @Option(names = "--source-id", description = "Entra object id")
    String sourceId;
    @Option(names = "--target-id", description = "SCIM resource id")
    String targetId;
    @Option(names = "--name", description = "userPrincipalName / displayName contains (case-insensitive)")
    String nameContains;
    @Option(names = "--name-prefix", description = "userPrincipalName / displayName starts with (case-insensitive)")
    String namePrefix;
    @Option(names = "--cycle-id", description = "cycle id")
    String cycleId;
    @Option(names = "--change-id", description = "change id")
    String changeId;
    @Option(names = "--error-code", description = "error code, e.g. SystemForCrossDomainIdentityManagementServiceIncompatible")
    String errorCode;
    @Option(names = "--job-id", description = "job id")
    String jobId;
    @Option(names = "--reported-by", description = "source_connector, mapper_service, scim_sink or audit_service")
    String reportedBy;
    @Option(names = "--since", description = "ISO instant (2026-01-31T00:00:00Z) or a duration back from now (P7D, PT1H)")
    String since;
    @Option(names = "--until", description = "ISO instant (exclusive) or a duration back from now")
    String until;
    @Option(names = "--sort", description = "asc or desc by activity time (service default: desc)")
    String sort;
    @Option(names = "--limit", description = "page size (service default 50, max audit.query.max-page-size)")
    Integer limit;
    @Option(names = "--cursor", description = "nextCursor printed by the previous page")
    String cursor;

    @Override
    int execute(Context ctx) throws ServiceException, UsageException {
        Flags.instantOrDuration("--since", since);
        Flags.instantOrDuration("--until", until);
        Flags.oneOf("--status", status, true, "success", "failure", "skipped", "warning");
        Flags.oneOf("--action", action, true, "create", "update", "delete", "disable", "stagedDelete", "other");
        Flags.oneOf("--object-type", objectType, false, "User", "Group");
        Flags.oneOf("--reported-by", reportedBy, false, "source_connector", "mapper_service", "scim_sink", "audit_service");
        Flags.oneOf("--sort", sort, false, "asc", "desc");
        Flags.atLeast("--limit", limit, 1);
        Query q = Query.of().add("status", status).add("action", action).add("objectType", objectType)
                .add("sourceId", sourceId).add("targetId", targetId).add("nameContains", nameContains)
                .add("namePrefix", namePrefix).add("cycleId", cycleId).add("changeId", changeId).add("errorCode", errorCode)
                .add("jobId", jobId).add("reportedBy", reportedBy).add("from", since).add("to", until)
                .add("sort", sort).add("limit", limit).add("cursor", cursor);
        JsonNode page = ctx.audit().get("/api/provisioning-logs" + q);
        Table t = new Table("TIME", "STATUS", "ACTION", "TYPE", "SOURCE ID", "NAME", "TARGET ID", "REPORTED BY", "ERROR CODE",
                "CHANGE ID", "ID");
        for (JsonNode e : page.path("items")) {
            t.row(Output.text(e.path("activityDateTime")), Output.text(e.path("status")), Output.text(e.path("action")),
                    Output.text(e.path("sourceIdentity").path("identityType")), Output.text(e.path("sourceIdentity").path("id")),
                    Output.text(e.path("sourceIdentity").path("displayName")), Output.text(e.path("targetIdentity").path("id")),
                    Output.text(e.path("reportedBy")), Output.text(e.path("error").path("errorCode")),
                    Output.text(e.path("changeId")), Output.text(e.path("id")));
        }
        ctx.output().list(page, t);
        String next = Output.text(page.path("nextCursor"));
        if (next != null && ctx.output().format() != Output.Format.JSON) {
            ctx.err().println("more entries: add --cursor " + next);
        }
        return ExitCodes.OK;
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "All results of one change: steps, modified properties, errors and replay links.",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:shown", "4:audit-service unreachable", "5:audit-service answered an error (404: no such change)"})
    static final class Show extends OperatorCommand {

        @Parameters(index = "0", paramLabel = "CHANGE_ID", description = "the change id (the causing change event id)")
        String changeId;

        @Override
        int execute(Context ctx) throws ServiceException {
            JsonNode detail;
            try {
                detail = ctx.audit().get("/api/provisioning-logs/" + Query.encode(changeId));
            } catch (ServiceException e) {
                if (e.status() == 404) {
                    throw new ServiceException(ServiceException.Kind.ERROR, 404,
                            "audit-service has no results for change " + changeId + " (404)");
                }
                throw e;
            }
            Table csv = new Table("id", "activityDateTime", "reportedBy", "action", "status", "step", "stepType", "stepStatus",
                    "stepDescription");
            for (JsonNode d : detail.path("results")) {
                JsonNode r = d.path("result");
                for (JsonNode s : r.path("steps")) {
                    csv.row(Output.text(r.path("id")), Output.text(r.path("activityDateTime")), Output.text(r.path("reportedBy")),
                            Output.text(r.path("action")), Output.text(r.path("status")), Output.text(s.path("name")),
                            Output.text(s.path("type")), Output.text(s.path("status")), Output.text(s.path("description")));
                }
            }
            ctx.output().detail(detail, csv, out -> {
                out.println("Change " + Output.orDash(detail.path("changeId")) + ": " + detail.path("results").size() + " result(s)");
                for (JsonNode d : detail.path("results")) {
                    out.println();
                    ResultView.printResult(out, d.path("result"));
                    JsonNode of = d.path("replayOf");
                    if (of.isObject()) {
                        out.println("  replays: " + Output.orDash(of.path("id")) + " (" + Output.orDash(of.path("status")) + ", change "
                                + Output.orDash(of.path("changeId")) + ")");
                    }
                    for (JsonNode by : d.path("replayedBy")) {
                        out.println("  replayed by: " + Output.orDash(by.path("id")) + " (" + Output.orDash(by.path("status"))
                                + " at " + Output.orDash(by.path("activityDateTime")) + ", change " + Output.orDash(by.path("changeId")) + ")");
                    }
                }
            });
            return ExitCodes.OK;
        }
    }
}
