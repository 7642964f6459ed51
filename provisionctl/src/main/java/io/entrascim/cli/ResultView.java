package io.entrascim.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** Text views of audit results (a ProvisioningResult as JSON), shared by {@code logs show} and {@code provision}. */
final class ResultView {

    private ResultView() {
    }

    /** Entra's on-demand view names the steps by what they do, not by their internal name. */
    static String stepTitle(JsonNode step, String objectType) {
        String type = objectType == null || objectType.isBlank() ? "object" : objectType.toLowerCase(Locale.ROOT);
        return switch (step.path("type").asString("")) {
            case "IMPORT" -> "Import " + type;
            case "SCOPING" -> "Determine if " + type + " is in scope";
            case "MATCHING" -> "Match " + type + " between source and target system";
            case "REFERENCE_RESOLUTION" -> "Resolve references";
            case "PROCESSING", "EXPORT" -> "Perform action";
            default -> Output.orDash(step.path("name"));
        };
    }

    static String objectType(JsonNode result) {
        return Output.text(result.path("sourceIdentity").path("identityType"));
    }

    static void printStep(PrintWriter out, String prefix, JsonNode step, String objectType) {
        out.println(prefix + "[" + Output.orDash(step.path("status")) + "] " + stepTitle(step, objectType)
                + " (" + Output.orDash(step.path("name")) + ")");
        String description = Output.text(step.path("description"));
        if (description != null && !description.isBlank()) {
            out.println(prefix + "    " + description);
        }
        for (Map.Entry<String, JsonNode> d : step.path("details").properties()) {
            out.println(prefix + "    " + d.getKey() + ": " + Output.orDash(d.getValue()));
        }
    }

    static String header(JsonNode result) {
        return Output.orDash(result.path("activityDateTime")) + "  " + Output.orDash(result.path("reportedBy")) + "  "
                + Output.orDash(result.path("action")) + "  " + Output.orDash(result.path("status"))
                + "  (origin " + Output.orDash(result.path("origin")) + ", " + result.path("durationInMilliseconds").asLong() + " ms)";
    }

    /** One full result: identities, steps, modified properties, error, replay link. */
    static void printResult(PrintWriter out, JsonNode result) {
        out.println(header(result));
        out.println("  id: " + Output.orDash(result.path("id")) + "   cycle: " + Output.orDash(result.path("cycleId"))
                + "   job: " + Output.orDash(result.path("jobId")));
        out.println("  source: " + identity(result.path("sourceIdentity")));
        out.println("  target: " + identity(result.path("targetIdentity")));
        String type = objectType(result);
        if (!result.path("steps").isEmpty()) {
            out.println("  steps:");
            int i = 1;
            for (JsonNode step : result.path("steps")) {
                printStep(out, "    " + i++ + ". ", step, type);
            }
        }
        if (!result.path("modifiedProperties").isEmpty()) {
            out.println("  modified properties:");
            Table t = new Table("PROPERTY", "OLD", "NEW");
            for (JsonNode p : result.path("modifiedProperties")) {
                t.row(Output.orDash(p.path("displayName")), Output.orDash(p.path("oldValue")), Output.orDash(p.path("newValue")));
            }
            java.io.StringWriter s = new java.io.StringWriter();
            t.printText(new PrintWriter(s, true));
            s.toString().lines().forEach(l -> out.println("    " + l));
        }
        JsonNode error = result.path("error");
        if (error.isObject()) {
            out.println("  error: " + Output.orDash(error.path("errorCode")) + " (" + Output.orDash(error.path("errorCategory"))
                    + "): " + Output.orDash(error.path("reason")));
            String more = Output.text(error.path("additionalDetails"));
            if (more != null && !more.isBlank()) {
                out.println("    details: " + more);
            }
            String action = Output.text(error.path("recommendedAction"));
            if (action != null && !action.isBlank()) {
                out.println("    recommended action: " + action);
            }
        }
        String replayOf = Output.text(result.path("replayOf"));
        if (replayOf != null) {
            out.println("  replay of: " + replayOf);
        }
    }

    static String identity(JsonNode identity) {
        if (!identity.isObject()) {
            return "-";
        }
        return Output.orDash(identity.path("identityType")) + " " + Output.orDash(identity.path("id"))
                + (Output.text(identity.path("displayName")) == null ? "" : " (" + identity.path("displayName").asString() + ")");
    }
}
