package io.entrascim.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.entrascim.contracts.ProvisioningCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code provisionctl provision <id|upn>}: source-connector {@code POST /api/provision-on-demand}, then the audit
 * log's results of that change ({@code GET /api/provisioning-logs/{changeId}}, the change id being the event id the
 * source answers with, so only this call's results are shown, whatever the clocks say), printed step by step.
 */
@Command(name = "provision", mixinStandardHelpOptions = true,
        description = "Provision one user or group on demand and show each step (import, scope, match, action) as Entra does.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:provisioned (or skipped, e.g. out of scope)", "2:usage error (empty OBJECT, --wait below 1)",
                "3:a step failed (the result says why)",
                "4:a service is unreachable", "5:a service answered an error (404: no such user or group in the tenant)",
                "6:no final result within --wait (follow up with 'provisionctl logs show <changeId>')"})
final class ProvisionCommand extends OperatorCommand {

    @Parameters(index = "0", paramLabel = "OBJECT", description = "user object id, userPrincipalName (contains '@') or group object id")
    String object;

    @Option(names = "--wait", defaultValue = "30", paramLabel = "SECONDS",
            description = "how long to wait for the outcome (default: ${DEFAULT-VALUE})")
    int waitSeconds;

    @Option(names = "--poll-interval", defaultValue = "500", paramLabel = "MILLIS", hidden = true,
            description = "audit polling interval in milliseconds (default: ${DEFAULT-VALUE})")
    long pollMillis;

    @Override
    int execute(Context ctx) throws ServiceException, UsageException {
        if (object.isBlank()) {
            throw new UsageException("OBJECT must be a user object id, a userPrincipalName or a group object id, was empty");
        }
        Flags.atLeast("--wait", waitSeconds, 1);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put(object.contains("@") ? "userPrincipalName" : "id", object);
        JsonNode event = ctx.source().post("/api/provision-on-demand", request);
        String changeId = event.path("eventId").asString();
        boolean text = ctx.output().format() == Output.Format.TABLE;
        PrintWriter out = ctx.out();
        if (text) {
            out.println("Provisioning on demand: " + Output.orDash(event.path("objectType")) + " " + Output.orDash(event.path("objectId"))
                    + " (" + Output.orDash(event.path("kind")) + "), change " + changeId);
            out.flush();
        }
        Set<String> shown = new LinkedHashSet<>();
        ArrayNode results = Json.MAPPER.createArrayNode();
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        boolean finished = false;
        boolean settling = false;
        int lastCount = -1;
        while (true) {
            JsonNode detail = fetch(ctx, changeId);
            for (JsonNode d : detail.path("results")) {
                JsonNode r = d.path("result");
                if (shown.add(r.path("id").asString())) {
                    results.add(r);
                    if (text) {
                        printSteps(out, r);
                    }
                }
            }
            if (settling && results.size() == lastCount) {
                finished = true;
                break;
            }
            // a group's commands (member adds) arrive one by one: once the outcome is in, poll once more for stragglers
            settling = complete(results);
            lastCount = results.size();
            if (System.nanoTime() > deadline) {
                finished = settling;
                break;
            }
            sleep(pollMillis);
        }
        String outcome = !finished ? "TIMEOUT" : anyStatus(results, "FAILURE") ? "FAILURE"
                : allSkipped(results) ? "SKIPPED" : "SUCCESS";
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("changeId", changeId);
        doc.put("outcome", outcome);
        doc.set("event", event);
        doc.set("results", results);
        Table csv = new Table("resultId", "reportedBy", "action", "status", "step", "stepType", "stepStatus", "description");
        for (JsonNode r : results) {
            for (JsonNode s : r.path("steps")) {
                csv.row(Output.text(r.path("id")), Output.text(r.path("reportedBy")), Output.text(r.path("action")),
                        Output.text(r.path("status")), Output.text(s.path("name")), Output.text(s.path("type")),
                        Output.text(s.path("status")), Output.text(s.path("description")));
            }
        }
        String objectId = event.path("objectId").asString(object);
        ctx.output().detail(doc, csv, o -> o.println(summary(outcome, results, changeId, objectId, waitSeconds)));
        return switch (outcome) {
            case "FAILURE" -> ExitCodes.EVALUATION;
            case "TIMEOUT" -> ExitCodes.TIMEOUT;
            default -> ExitCodes.OK;
        };
    }

    private static JsonNode fetch(Context ctx, String changeId) throws ServiceException {
        try {
            return ctx.audit().get("/api/provisioning-logs/" + Query.encode(changeId));
        } catch (ServiceException e) {
            if (e.status() == 404) {
                return Json.MAPPER.createObjectNode(); // nothing audited yet
            }
            throw new ServiceException(e.kind(), e.status(), e.getMessage()
                    + " (the provisioning was triggered; follow it with 'provisionctl logs show " + changeId + "')");
        }
    }

    /**
     * Every command the change made has its outcome from the sink, or something failed. A command carries the mapper's
     * decision steps into the sink's result, whose last decision step says "commandIndex" of "commandCount"; a change
     * that made no command (or not only commands) has a mapper result saying "commandCount". Entries without those
     * details come from a mapper that reported one SUCCESS result per command instead: then count those.
     */
    static boolean complete(ArrayNode results) {
        if (anyStatus(results, "FAILURE")) {
            return true;
        }
        int expected = -1;
        int mapperResults = 0;
        int legacyDecisions = 0;
        int outcomes = 0;
        Set<String> decided = new LinkedHashSet<>();
        for (JsonNode r : results) {
            String by = r.path("reportedBy").asString("");
            if (by.equals("MAPPER_SERVICE")) {
                mapperResults++;
                if (r.path("status").asString("").equals("SUCCESS")) {
                    legacyDecisions++;
                }
            } else if (by.equals("SCIM_SINK")) {
                outcomes++;
            }
            for (JsonNode step : r.path("steps")) {
                JsonNode details = step.path("details");
                if (details.has(ProvisioningCommand.COMMAND_COUNT_DETAIL)) {
                    expected = Math.max(expected, details.path(ProvisioningCommand.COMMAND_COUNT_DETAIL).asInt(-1));
                    if (by.equals("SCIM_SINK") && details.has(ProvisioningCommand.COMMAND_INDEX_DETAIL)) {
                        decided.add(details.path(ProvisioningCommand.COMMAND_INDEX_DETAIL).asString());
                    }
                }
            }
        }
        if (expected < 0) {
            return mapperResults > 0 && outcomes >= legacyDecisions;
        }
        return decided.size() >= expected;
    }

    private static boolean anyStatus(ArrayNode results, String status) {
        for (JsonNode r : results) {
            if (status.equals(r.path("status").asString(""))) {
                return true;
            }
        }
        return false;
    }

    private static boolean allSkipped(ArrayNode results) {
        for (JsonNode r : results) {
            if (!"SKIPPED".equals(r.path("status").asString(""))) {
                return false;
            }
        }
        return !results.isEmpty();
    }

    private static void printSteps(PrintWriter out, JsonNode r) {
        out.println();
        out.println(Output.orDash(r.path("reportedBy")) + ": " + Output.orDash(r.path("action")) + " " + Output.orDash(r.path("status"))
                + " (" + ResultView.identity(r.path("targetIdentity")) + ")");
        int i = 1;
        String type = ResultView.objectType(r);
        for (JsonNode step : r.path("steps")) {
            ResultView.printStep(out, "  " + i++ + ". ", step, type);
        }
        for (JsonNode p : r.path("modifiedProperties")) {
            out.println("     " + Output.orDash(p.path("displayName")) + ": " + Output.orDash(p.path("oldValue")) + " -> "
                    + Output.orDash(p.path("newValue")));
        }
        JsonNode error = r.path("error");
        if (error.isObject()) {
            out.println("  error " + Output.orDash(error.path("errorCode")) + ": " + Output.orDash(error.path("reason")));
        }
        out.flush();
    }

    private static String summary(String outcome, ArrayNode results, String changeId, String objectId, int wait) {
        return switch (outcome) {
            case "TIMEOUT" -> "\nNo final result within " + wait + "s (" + results.size() + " result(s) so far); follow it with "
                    + "'provisionctl logs show " + changeId + "'.";
            case "FAILURE" -> "\nResult: FAILURE. Details: 'provisionctl logs show " + changeId + "'; replay after fixing: "
                    + "'provisionctl replay --source-id " + objectId + "'.";
            default -> "\nResult: " + outcome + ".";
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
