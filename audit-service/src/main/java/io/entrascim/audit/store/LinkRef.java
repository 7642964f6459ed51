package io.entrascim.audit.store;

import java.time.Instant;

/** A pointer from one log entry to another (replay of / replayed by), enough to show and open it. */
public record LinkRef(String id, String changeId, String status, Instant activityDateTime) {
}
