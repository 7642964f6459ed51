package io.entrascim.audit.store;

import java.time.Instant;

/** Results of one (action, status) in one time window starting at {@code start}. */
public record TimelineBucket(Instant start, String action, String status, long count) {
}
