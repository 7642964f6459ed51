package io.entrascim.sink.app;

import io.entrascim.sink.core.DeadLetterIndex;
import io.entrascim.sink.core.DeletionGuard;
import io.entrascim.sink.core.OperatorPause;
import io.entrascim.sink.core.PauseControl;
import io.entrascim.sink.core.Quarantine;
import io.entrascim.sink.core.StagedDeletions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
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

    /** The stored operator's pause: who and why (null when not given), since when. */
    record PauseView(String by, String reason, Instant since) {
    }

    /** Optional body of {@code POST /api/pause}. */
    record PauseRequest(String by, String reason) {
    }

    /**
     * {@code pausedBy}: OPERATOR, OUTAGE (circuit breaker / database), QUARANTINE; {@code operatorPause}: the
     * stored operator's pause (survives a restart), null when not paused by an operator.
     */
    record State(String provisioning, QuarantineView quarantine, GuardView deletionGuard, long deadLetters,
                 List<String> pausedBy, PauseView operatorPause) {
    }

    private final PauseControl pauses;
    private final Quarantine quarantine;
    private final DeletionGuard guard;
    private final StagedDeletions staged;
    private final DeadLetterIndex deadLetters;
    private final OperatorPause stored;

    StateController(PauseControl pauses, Quarantine quarantine, DeletionGuard guard, StagedDeletions staged,
                    DeadLetterIndex deadLetters, OperatorPause stored) {
        this.stored = stored;
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
                deadLetters.count(), pauses.reasons().stream().map(Enum::name).sorted().toList(),
                stored.current().map(p -> new PauseView(p.by(), p.reason(), p.since())).orElse(null));
    }

    /**
     * Stops SCIM writes after the command in hand; nothing is lost (the offsets stay uncommitted). Stored before
     * it answers, so a restart keeps it; who and why come from the optional body or the {@code by} / {@code reason}
     * query parameters.
     */
    @PostMapping("/api/pause")
    State pause(@RequestBody(required = false) PauseRequest body, @RequestParam(required = false) String by,
                @RequestParam(required = false) String reason) {
        // Writes stop first; if the database cannot store the pause the call fails (500) but the sink stays paused
        // until resumed, it just would not stay paused across a restart.
        pauses.hold(PauseControl.Reason.OPERATOR);
        stored.pause(body != null && body.by() != null ? body.by() : by,
                body != null && body.reason() != null ? body.reason() : reason);
        return state();
    }

    /** Deletes the stored pause first: if that fails the sink stays paused, as it would after a restart. */
    @PostMapping("/api/resume")
    State resume() {
        stored.resume();
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
