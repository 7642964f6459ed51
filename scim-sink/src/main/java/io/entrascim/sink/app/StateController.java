package io.entrascim.sink.app;

import io.entrascim.sink.core.DeadLetterIndex;
import io.entrascim.sink.core.DeletionGuard;
import io.entrascim.sink.core.PauseControl;
import io.entrascim.sink.core.Quarantine;
import io.entrascim.sink.core.StagedDeletions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** Provisioning state (running / paused / quarantined), the operator's pause, resume and quarantine release. */
@RestController
class StateController {

    record QuarantineView(String reason, Instant since, Instant nextAttempt, int seriesCount) {
    }

    record GuardView(boolean enabled, int threshold, String window, String state, String reason, Instant trippedAt,
                     int windowCount, int held) {
    }

    /** {@code pausedBy}: OPERATOR, OUTAGE (circuit breaker / database), QUARANTINE. */
    record State(String provisioning, QuarantineView quarantine, GuardView deletionGuard, long deadLetters,
                 List<String> pausedBy) {
    }

    private final PauseControl pauses;
    private final Quarantine quarantine;
    private final DeletionGuard guard;
    private final StagedDeletions staged;
    private final DeadLetterIndex deadLetters;

    StateController(PauseControl pauses, Quarantine quarantine, DeletionGuard guard, StagedDeletions staged,
                    DeadLetterIndex deadLetters) {
        this.pauses = pauses;
        this.quarantine = quarantine;
        this.guard = guard;
        this.staged = staged;
        this.deadLetters = deadLetters;
    }

    @GetMapping("/api/state")
    State state() {
        Quarantine.Status q = quarantine.status();
        DeletionGuard.State g = guard.state(Instant.now());
        String provisioning = q != null ? "QUARANTINED" : pauses.holds(PauseControl.Reason.OPERATOR) ? "PAUSED" : "RUNNING";
        return new State(provisioning,
                q == null ? null : new QuarantineView(q.reason(), q.since(), q.nextAttempt(), q.seriesCount()),
                new GuardView(g.enabled(), g.threshold(), g.window().toString(), g.tripped() ? "TRIPPED" : "COUNTING",
                        g.reason(), g.trippedAt(), g.windowCount(), staged.count()),
                deadLetters.count(), pauses.reasons().stream().map(Enum::name).sorted().toList());
    }

    /** Stops SCIM writes after the command in hand; nothing is lost (the offsets stay uncommitted). */
    @PostMapping("/api/pause")
    State pause() {
        pauses.hold(PauseControl.Reason.OPERATOR);
        return state();
    }

    @PostMapping("/api/resume")
    State resume() {
        pauses.release(PauseControl.Reason.OPERATOR);
        return state();
    }

    /** {@code provisionctl restart --scope quarantine}: leave quarantine and try the held command now. */
    @PostMapping("/api/quarantine/release")
    State releaseQuarantine() {
        quarantine.release();
        return state();
    }
}
