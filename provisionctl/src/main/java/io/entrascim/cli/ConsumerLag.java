package io.entrascim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Consumer lag per group and topic for {@code status}, from audit-service {@code GET /api/pipeline/lag}. The lag is
 * measured there (outside the consumers, so a dead consumer still shows its growing lag); the CLI only shows it.
 * When the lag cannot be had (Kafka unreachable, an older audit-service without the endpoint, a refused token) the
 * section holds {@code "error"} and status goes on: lag is one line of the report, never a reason to fail it.
 */
final class ConsumerLag {

    private ConsumerLag() {
    }

    /**
     * The {@code consumerLag} section of the status document: audit-service's answer as it is, or
     * {@code {"error": reason}} when there is none to show.
     */
    static JsonNode section(JsonNode answer, ServiceException failure) {
        if (failure != null) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("error", failure.kind() == ServiceException.Kind.ERROR && failure.status() == 404
                    ? "audit-service has no GET /api/pipeline/lag (an older build)"
                    : failure.getMessage());
            return n;
        }
        if (answer == null || !answer.isObject()) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("error", "audit-service answered GET /api/pipeline/lag without a lag document");
            return n;
        }
        return answer;
    }

    /**
     * Why no lag can be shown at all, or null when there are groups to show: a top-level {@code error}, or the same
     * error on every group (audit-service's way of saying Kafka could not be reached).
     */
    static String unavailable(JsonNode section) {
        JsonNode error = section.path("error");
        if (error.isString() && !error.asString().isBlank()) {
            return error.asString();
        }
        JsonNode groups = section.path("groups");
        if (!groups.isArray()) {
            return "audit-service's answer holds no groups";
        }
        String common = null;
        for (JsonNode g : groups) {
            String e = g.path("lag").isNumber() ? null : Output.text(g.path("error"));
            if (e == null || (common != null && !common.equals(e))) {
                return null;
            }
            common = e;
        }
        return common;
    }

    /** The lag of one group/topic as shown: the number, or "unavailable (reason)" when audit-service could not measure it. */
    static String lagOf(JsonNode group) {
        if (group.path("lag").isNumber()) {
            return Long.toString(group.path("lag").asLong());
        }
        String why = Output.text(group.path("error"));
        return "unavailable (" + (why == null ? "no lag measured" : why) + ")";
    }

    static void addCsvRows(Table t, JsonNode section) {
        String why = unavailable(section);
        if (why != null) {
            t.row("consumerLag", "error", why);
            return;
        }
        t.row("consumerLag", "measuredAt", Output.text(section.path("measuredAt")));
        for (JsonNode g : section.path("groups")) {
            t.row("consumerLag", Output.orDash(g.path("group")) + "/" + Output.orDash(g.path("topic")), lagOf(g));
        }
    }

    static void printText(PrintWriter out, JsonNode section) {
        String why = unavailable(section);
        if (why != null) {
            out.println("Consumer lag: unavailable (" + why + ")");
            return;
        }
        if (section.path("groups").isEmpty()) {
            out.println("Consumer lag: no consumer groups reported (measured " + Output.orDash(section.path("measuredAt")) + ")");
            return;
        }
        out.println("Consumer lag (measured " + Output.orDash(section.path("measuredAt")) + "):");
        Table t = new Table("GROUP", "TOPIC", "LAG");
        for (JsonNode g : section.path("groups")) {
            t.row(Output.orDash(g.path("group")), Output.orDash(g.path("topic")), lagOf(g));
        }
        StringWriter text = new StringWriter();
        t.printText(new PrintWriter(text, true));
        text.toString().lines().forEach(line -> out.println("  " + line));
    }
}
