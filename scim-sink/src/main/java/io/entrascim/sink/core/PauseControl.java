package io.entrascim.sink.core;

import java.util.EnumSet;
import java.util.Set;

/**
 * One binding, several reasons to pause it (operator, outage, quarantine): consumption resumes only
 * when the last reason is gone, so an outage ending does not undo an operator's pause.
 */
public final class PauseControl {

    public enum Reason { OPERATOR, OUTAGE, QUARANTINE }

    private final ConsumptionGate gate;
    private final EnumSet<Reason> reasons = EnumSet.noneOf(Reason.class);

    public PauseControl(ConsumptionGate gate) {
        this.gate = gate;
    }

    public synchronized void hold(Reason r) {
        boolean wasRunning = reasons.isEmpty();
        reasons.add(r);
        if (wasRunning) {
            gate.pause();
        }
    }

    /**
     * Records {@code r} for a binding that was paused before it started (its container was paused directly):
     * the gate is not called, a later {@link #release} resumes it as usual.
     */
    public synchronized void restore(Reason r) {
        reasons.add(r);
    }

    public synchronized void release(Reason r) {
        if (reasons.remove(r) && reasons.isEmpty()) {
            gate.resume();
        }
    }

    public synchronized Set<Reason> reasons() {
        return Set.copyOf(reasons);
    }

    public synchronized boolean holds(Reason r) {
        return reasons.contains(r);
    }

    /** The gate as seen by one reason. */
    public ConsumptionGate as(Reason r) {
        return new ConsumptionGate() {
            @Override
            public void pause() {
                hold(r);
            }

            @Override
            public void resume() {
                release(r);
            }
        };
    }
}
