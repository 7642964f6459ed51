package io.entrascim.sink.app;

import io.entrascim.sink.core.DeadLetterIndex;
import io.entrascim.sink.core.ReplayService;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** Dead-letter listing and replay, exactly as the cross-service contract in the brief. */
@RestController
class DeadLetterController {

    /** One item of the contract (the raw command stays server-side). */
    record Item(String commandId, String sourceObjectId, String operation, String errorClass, String errorCode,
                String reason, Integer httpStatus, int attempts, Instant firstFailureAt, Instant lastFailureAt,
                String topic, int partition, long offset, String resultId) {
        static Item of(DeadLetterIndex.Entry e) {
            return new Item(e.commandId(), e.sourceObjectId(), e.operation(), e.errorClass(), e.errorCode(), e.reason(),
                    e.httpStatus(), e.attempts(), e.firstFailureAt(), e.lastFailureAt(), e.topic(), e.partition(), e.offset(),
                    e.resultId());
        }
    }

    record Listing(List<Item> items) {
    }

    record ReplayRequest(List<String> commandIds, List<String> resultIds, List<String> sourceObjectIds, Instant from,
                         Instant to, String errorClass, Integer httpStatus, boolean dryRun) {
    }

    record ReplayResponse(boolean dryRun, int matched, int replayed, List<Item> items) {
    }

    private static final int MAX = 1000;

    private final DeadLetterIndex index;
    private final ReplayService replay;

    DeadLetterController(DeadLetterIndex index, ReplayService replay) {
        this.index = index;
        this.replay = replay;
    }

    @GetMapping("/api/dead-letters")
    Listing list(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                 @RequestParam(required = false) String sourceObjectId,
                 @RequestParam(required = false) String errorClass,
                 @RequestParam(required = false) Integer httpStatus,
                 @RequestParam(defaultValue = "100") int limit) {
        List<DeadLetterIndex.Entry> found = index.find(new DeadLetterIndex.Query(from, to,
                sourceObjectId == null ? null : List.of(sourceObjectId), null, null, errorClass, httpStatus,
                Math.max(1, Math.min(limit, MAX))));
        return new Listing(found.stream().map(Item::of).toList());
    }

    @PostMapping("/api/dead-letters/replay")
    ReplayResponse replay(@RequestBody ReplayRequest r) {
        ReplayService.Report report = replay.replay(new DeadLetterIndex.Query(r.from(), r.to(), r.sourceObjectIds(),
                r.commandIds(), r.resultIds(), r.errorClass(), r.httpStatus(), MAX), r.dryRun());
        return new ReplayResponse(report.dryRun(), report.matched(), report.replayed(),
                report.items().stream().map(Item::of).toList());
    }
}
