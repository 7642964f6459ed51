package io.entrascim.cli;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * scim-sink's state document ({@code GET /api/state}, also the answer of pause, resume and quarantine release) in
 * words, so status, pause/resume and restart describe it the same way.
 */
final class SinkState {

    private SinkState() {
    }

    /**
     * "RUNNING", "PAUSED (paused by OPERATOR)" (with ", operator pause since .. by ..: reason" when the sink tells), or
     * "QUARANTINED since .. (reason), next attempt .., series n".
     */
    static String line(JsonNode state) {
        String provisioning = Output.orDash(state.path("provisioning"));
        StringBuilder s = new StringBuilder(provisioning);
        JsonNode q = state.path("quarantine");
        if (q.isObject()) {
            s.append(" since ").append(Output.orDash(q.path("since"))).append(" (").append(Output.orDash(q.path("reason")))
                    .append("), next attempt ").append(Output.orDash(q.path("nextAttempt")))
                    .append(", series ").append(q.path("seriesCount").asInt());
        }
        List<String> by = pausedBy(state);
        if (!by.isEmpty()) {
            s.append(" (paused by ").append(String.join(", ", by)).append(')');
        }
        String stored = operatorPause(state);
        if (stored != null) {
            s.append(", ").append(stored);
        }
        return s.toString();
    }

    /**
     * The operator's pause as the sink stores it ({@code operatorPause}: who, why, since; kept across restarts), in
     * words: "operator pause since 2026-11-28T09:00:00Z by alice: maintenance"; null when the sink reports none.
     */
    static String operatorPause(JsonNode state) {
        JsonNode p = state.path("operatorPause");
        if (!p.isObject()) {
            return null;
        }
        StringBuilder s = new StringBuilder("operator pause since ").append(Output.orDash(p.path("since")));
        String by = Output.text(p.path("by"));
        if (by != null && !by.isBlank()) {
            s.append(" by ").append(by);
        }
        String reason = Output.text(p.path("reason"));
        if (reason != null && !reason.isBlank()) {
            s.append(": ").append(reason);
        }
        return s.toString();
    }

    static List<String> pausedBy(JsonNode state) {
        List<String> by = new ArrayList<>();
        for (JsonNode n : state.path("pausedBy")) {
            by.add(n.asString());
        }
        return by;
    }

    /** What still keeps SCIM writes stopped after an operator's resume or release, with the way out; null if nothing. */
    static String stillStopped(JsonNode state) {
        String provisioning = state.path("provisioning").asString("");
        if (provisioning.equals("QUARANTINED")) {
            return "scim-sink is still QUARANTINED (" + Output.orDash(state.path("quarantine").path("reason"))
                    + "): 'provisionctl restart --scope quarantine' releases it";
        }
        if (provisioning.equals("PAUSED")) {
            return "scim-sink is still PAUSED by an operator: 'provisionctl resume' resumes it";
        }
        if (pausedBy(state).contains("OUTAGE")) {
            return "scim-sink is waiting for the target (OUTAGE: circuit breaker open or PostgreSQL down); it resumes by itself";
        }
        return null;
    }

    /** One row for CSV. */
    static Table table(JsonNode state) {
        JsonNode q = state.path("quarantine");
        JsonNode g = state.path("deletionGuard");
        return new Table("provisioning", "quarantineReason", "quarantineSince", "nextAttempt", "deletionGuard", "deletionsHeld",
                "deadLetters", "pausedBy")
                .row(Output.text(state.path("provisioning")), Output.text(q.path("reason")), Output.text(q.path("since")),
                        Output.text(q.path("nextAttempt")), Output.text(g.path("state")), Output.text(g.path("held")),
                        Output.text(state.path("deadLetters")), String.join(" ", pausedBy(state)));
    }
}
