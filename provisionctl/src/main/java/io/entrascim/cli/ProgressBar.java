package io.entrascim.cli;

import java.time.Duration;
import java.time.Instant;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Cycle progress arithmetic (rate, ETA) and its rendering as a text bar. */
final class ProgressBar {

    private ProgressBar() {
    }

    static String render(double percent, int width) {
        double p = Math.max(0, Math.min(100, percent));
        int filled = (int) Math.round(p / 100 * width);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + String.format(java.util.Locale.ROOT, "%5.1f%%", p);
    }

    /**
     * Adds {@code ratePerSecond} and {@code etaSeconds} to an audit {@code CycleProgress}: processed objects over the
     * time since the cycle started (up to its completion, or now while it runs).
     */
    static void addRate(ObjectNode cycle, Instant now) {
        Instant started = instant(cycle.path("startedAt"));
        if (started == null) {
            return;
        }
        Instant end = instant(cycle.path("completedAt"));
        String phase = cycle.path("phase").asString("");
        if (end == null && (phase.equals("COMPLETED") || phase.equals("FAILED"))) {
            end = instant(cycle.path("lastMarkerAt"));
        }
        double seconds = Duration.between(started, end == null ? now : end).toMillis() / 1000.0;
        long processed = cycle.path("processedObjects").asLong(0);
        if (seconds <= 0) {
            return;
        }
        double rate = processed / seconds;
        cycle.put("ratePerSecond", Math.round(rate * 10) / 10.0);
        long expected = cycle.path("expectedObjects").asLong(-1);
        if (end == null && expected > 0 && rate > 0) {
            cycle.put("etaSeconds", (long) Math.ceil(Math.max(0, expected - processed) / rate));
        }
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
        }
        return seconds / 3600 + "h" + (seconds % 3600 / 60 == 0 ? "" : seconds % 3600 / 60 + "m");
    }

    private static Instant instant(JsonNode n) {
        String t = Output.text(n);
        if (t == null) {
            return null;
        }
        try {
            return Instant.parse(t);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
