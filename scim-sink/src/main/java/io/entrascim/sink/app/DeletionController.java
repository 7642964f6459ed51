package io.entrascim.sink.app;

import io.entrascim.sink.core.DeletionGuard;
import io.entrascim.sink.core.DeletionReleases;
import io.entrascim.sink.core.StagedDeletions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Accidental-deletion guard: what is held, and the operator's allow / reject. */
@RestController
class DeletionController {

    record Item(String commandId, String sourceObjectId, String objectType, String operation, String cycleId,
                String changeId, String reason, Instant stagedAt, String topic, int partition, long offset) {
        static Item of(StagedDeletions.Held h) {
            return new Item(h.commandId(), h.sourceObjectId(), h.objectType(), h.operation(), h.cycleId(), h.changeId(),
                    h.reason(), h.stagedAt(), h.record().topic(), h.record().partition(), h.record().offset());
        }
    }

    record Guard(boolean enabled, int threshold, String window, String state, String reason, Instant trippedAt,
                 int windowCount, Map<String, Integer> cycleCounts) {
        static Guard of(DeletionGuard.State s) {
            return new Guard(s.enabled(), s.threshold(), s.window().toString(), s.tripped() ? "TRIPPED" : "COUNTING",
                    s.reason(), s.trippedAt(), s.windowCount(), s.cycleCounts());
        }
    }

    record Listing(Guard guard, int held, List<Item> items) {
    }

    record Decision(String decision, int processed, List<Item> items) {
    }

    private final DeletionGuard guard;
    private final StagedDeletions staged;
    private final DeletionReleases releases;

    DeletionController(DeletionGuard guard, StagedDeletions staged, DeletionReleases releases) {
        this.guard = guard;
        this.staged = staged;
        this.releases = releases;
    }

    @GetMapping("/api/deletions")
    Listing list(@RequestParam(defaultValue = "100") int limit) {
        return new Listing(Guard.of(guard.state(Instant.now())), staged.count(),
                staged.list(Math.max(1, Math.min(limit, 1000))).stream().map(Item::of).toList());
    }

    @PostMapping("/api/deletions/allow")
    Decision allow() {
        List<Item> done = releases.allow().stream().map(Item::of).toList();
        return new Decision("allow", done.size(), done);
    }

    @PostMapping("/api/deletions/reject")
    Decision reject() {
        List<Item> done = releases.reject().stream().map(Item::of).toList();
        return new Decision("reject", done.size(), done);
    }
}
