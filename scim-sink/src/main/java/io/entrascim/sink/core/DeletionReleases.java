package io.entrascim.sink.core;

import java.util.List;

/**
 * The operator's answer to a tripped {@link DeletionGuard}: allow executes the held deletions in the
 * order they arrived, reject drops them (each audited). A held row is removed only after its
 * execution or its audit was acknowledged, so a crash half-way loses nothing.
 */
public final class DeletionReleases {

    private final DeletionGuard guard;
    private final StagedDeletions staged;
    private final CommandProcessor processor;

    public DeletionReleases(DeletionGuard guard, StagedDeletions staged, CommandProcessor processor) {
        this.guard = guard;
        this.staged = staged;
        this.processor = processor;
    }

    /** Executes every held deletion (Entra's "Allow deletes" / ForceDeletes); returns them. */
    public synchronized List<StagedDeletions.Held> allow() {
        List<StagedDeletions.Held> held = drain(true);
        guard.reset(staged.count());
        return held;
    }

    /** Drops every held deletion with a STAGED_DELETE / SKIPPED result each; returns them. */
    public synchronized List<StagedDeletions.Held> reject() {
        List<StagedDeletions.Held> held = drain(false);
        guard.reset(staged.count());
        return held;
    }

    private List<StagedDeletions.Held> drain(boolean execute) {
        // One snapshot: deletions staged while this runs stay held for the next decision.
        List<StagedDeletions.Held> held = staged.list(Integer.MAX_VALUE);
        for (StagedDeletions.Held h : held) {
            if (execute) {
                processor.executeReleased(h.record());
            } else {
                processor.reject(h);
            }
            staged.remove(h.commandId());
        }
        return held;
    }
}
