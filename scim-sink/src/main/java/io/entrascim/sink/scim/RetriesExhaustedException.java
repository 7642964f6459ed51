package io.entrascim.sink.scim;

import java.time.Instant;

/** A retriable failure that kept failing until the retry budget ran out. */
public class RetriesExhaustedException extends RuntimeException {

    private final int attempts;
    private final Instant firstFailureAt;
    private final Instant lastFailureAt;

    public RetriesExhaustedException(RuntimeException last, int attempts, Instant firstFailureAt, Instant lastFailureAt) {
        super("gave up after " + attempts + " attempts: " + last.getMessage(), last);
        this.attempts = attempts;
        this.firstFailureAt = firstFailureAt;
        this.lastFailureAt = lastFailureAt;
    }

    public RuntimeException last() {
        return (RuntimeException) getCause();
    }

    public int attempts() {
        return attempts;
    }

    public Instant firstFailureAt() {
        return firstFailureAt;
    }

    public Instant lastFailureAt() {
        return lastFailureAt;
    }
}
