package io.entrascim.audit.store;

import java.time.Instant;

/**
 * Where a cycle stands, from the source's markers and the results stored so far (the portal's progress bar).
 *
 * @param cycleId          the cycle
 * @param origin           initial, incremental, on demand
 * @param phase            latest marker phase: STARTED, PROGRESS, COMPLETED or FAILED
 * @param startedAt        first marker
 * @param lastMarkerAt     latest marker
 * @param completedAt      when it completed, null while running or when it failed
 * @param expectedObjects  objects the source expects to emit, -1 while unknown
 * @param emittedEvents    change events the source emitted so far
 * @param pagesRead        Graph pages read so far
 * @param processedObjects distinct source objects with at least one result in this cycle
 * @param percentComplete  processed of expected in percent (capped at 100), null while expected is unknown
 * @param counts           results of the cycle by action and status
 * @param detail           the source's note (failure reason), may be null
 */
public record CycleProgress(String cycleId, String origin, String phase, Instant startedAt, Instant lastMarkerAt,
                            Instant completedAt, long expectedObjects, long emittedEvents, long pagesRead,
                            long processedObjects, Double percentComplete, Counts counts, String detail) {
}
