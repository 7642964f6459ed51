package io.entrascim.contracts;

import java.time.Instant;

/**
 * source-connector -> audit-service on {@link Topics#CYCLES}, keyed by the cycle id: a cycle started or
 * ended. The end marker carries the counts that let downstream services compute progress
 * (processed of expected) for the initial cycle.
 *
 * @param schemaVersion  {@link #VERSION}
 * @param cycleId        the cycle
 * @param origin         initial or incremental (or on demand)
 * @param phase          STARTED, PROGRESS or COMPLETED (or FAILED)
 * @param at             when
 * @param expectedObjects objects the cycle is expected to emit, -1 when not yet known
 * @param emittedEvents  change events emitted so far in the cycle
 * @param pagesRead      Graph pages read so far
 * @param detail         human-readable note (failure reason), may be null
 */
public record CycleMarker(
        int schemaVersion,
        String cycleId,
        CycleOrigin origin,
        Phase phase,
        Instant at,
        long expectedObjects,
        long emittedEvents,
        long pagesRead,
        String detail) implements Versioned {

    public static final int VERSION = 1;

    public enum Phase { STARTED, PROGRESS, COMPLETED, FAILED }

    @Override
    public void validate() {
        Versioned.requireVersion(schemaVersion, VERSION);
        Versioned.require(cycleId, "cycleId");
        Versioned.require(origin, "origin");
        Versioned.require(phase, "phase");
        Versioned.require(at, "at");
    }
}
