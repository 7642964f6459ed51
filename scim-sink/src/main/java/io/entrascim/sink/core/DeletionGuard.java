package io.entrascim.sink.core;

import io.entrascim.contracts.Operation;
import io.entrascim.contracts.ProvisioningCommand;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entra's "prevent accidental deletions": disables plus deletes are counted per source cycle and per
 * sliding window (incremental flow spreads a mass deletion over many cycles). The deletion that
 * reaches the threshold trips the guard (with 500, at most 499 pass, as Entra); from then on every
 * disable/delete is staged until an operator allows or rejects the held ones. Creates and updates
 * are never held. Thread-safe.
 */
public final class DeletionGuard {

    /**
     * @param enabled   false = every deletion passes
     * @param threshold deletions per cycle or per window that trip the guard; 0 = off
     * @param window    sliding window for the incremental flow
     */
    public record Settings(boolean enabled, int threshold, Duration window) {
        boolean active() {
            return enabled && threshold > 0;
        }
    }

    public enum Verdict { PASS, STAGE }

    /** Snapshot for the API and metrics; {@code reason}/{@code trippedAt} are null while counting. */
    public record State(boolean enabled, int threshold, Duration window, boolean tripped, String reason,
                        Instant trippedAt, int windowCount, Map<String, Integer> cycleCounts) {
    }

    private static final int CYCLES_KEPT = 50;

    private final Settings settings;
    private final Deque<Instant> recent = new ArrayDeque<>();
    private final Map<String, Integer> perCycle = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > CYCLES_KEPT;
        }
    };
    private String reason;
    private Instant trippedAt;

    /** @param heldAtStart deletions still held from before a restart keep the guard tripped */
    public DeletionGuard(Settings settings, int heldAtStart) {
        this.settings = settings;
        if (heldAtStart > 0) {
            trip("deletions held before restart: " + heldAtStart, Instant.now());
        }
    }

    public static boolean isDeletion(ProvisioningCommand c) {
        return c.operation() == Operation.DISABLE || c.operation() == Operation.DELETE;
    }

    /** Counts {@code c} when it is a deletion and says whether it may be executed now. */
    public synchronized Verdict admit(ProvisioningCommand c, Instant now) {
        if (!isDeletion(c) || !settings.active()) {
            return Verdict.PASS;
        }
        if (reason != null) {
            return Verdict.STAGE;
        }
        expire(now);
        recent.addLast(now);
        int inCycle = perCycle.merge(c.cycleId(), 1, Integer::sum);
        if (inCycle >= settings.threshold()) {
            trip("TooManyDeletes: " + inCycle + " disables/deletes in cycle " + c.cycleId() + " reached the threshold "
                    + settings.threshold(), now);
            return Verdict.STAGE;
        }
        if (recent.size() >= settings.threshold()) {
            trip("TooManyDeletes: " + recent.size() + " disables/deletes within " + settings.window()
                    + " reached the threshold " + settings.threshold(), now);
            return Verdict.STAGE;
        }
        return Verdict.PASS;
    }

    /**
     * After the operator allowed or rejected the held deletions: counting starts again from zero
     * (Entra's ForceDeletes), unless {@code stillHeld} deletions were staged meanwhile.
     */
    public synchronized void reset(int stillHeld) {
        recent.clear();
        perCycle.clear();
        reason = null;
        trippedAt = null;
        if (stillHeld > 0) {
            trip("deletions staged while the previous ones were released: " + stillHeld, Instant.now());
        }
    }

    public synchronized State state(Instant now) {
        expire(now);
        return new State(settings.enabled(), settings.threshold(), settings.window(), reason != null, reason, trippedAt,
                recent.size(), Map.copyOf(perCycle));
    }

    public synchronized boolean tripped() {
        return reason != null;
    }

    private void trip(String why, Instant now) {
        reason = why;
        trippedAt = now;
    }

    private void expire(Instant now) {
        Instant from = now.minus(settings.window());
        while (!recent.isEmpty() && recent.peekFirst().isBefore(from)) {
            recent.removeFirst();
        }
    }
}
