package io.entrascim.testkit.graph;

/** Fault injection for Graph requests: after {@code skip} more good answers, the next {@code count} fail. */
final class Faults {
    private int skip;
    private int count;
    private int status;
    private int retryAfterSeconds;

    synchronized void failAfter(int skip, int count, int status, int retryAfterSeconds) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be a 4xx or 5xx code, was " + status);
        }
        this.skip = Math.max(0, skip);
        this.count = Math.max(0, count);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    synchronized void clear() {
        count = 0;
        skip = 0;
    }

    /** The fault for this request, or null to answer normally. */
    synchronized Fault next() {
        if (count == 0) {
            return null;
        }
        if (skip > 0) {
            skip--;
            return null;
        }
        count--;
        return new Fault(status, retryAfterSeconds);
    }

    record Fault(int status, int retryAfterSeconds) {
    }
}
