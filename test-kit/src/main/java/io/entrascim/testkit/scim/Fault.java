package io.entrascim.testkit.scim;

import java.time.Duration;

/**
 * One misbehaviour the {@link ScimTarget} can inject in front of its real SCIM engine.
 *
 * @param kind       what happens
 * @param status     HTTP status answered (429, 5xx, 409), 0 when not answering with a status
 * @param duration   Retry-After for 429 (seconds granularity), delay for {@link Kind#SLOW}
 * @param onlyMethod HTTP method the fault applies to (e.g. POST), or null for every request
 */
public record Fault(Kind kind, int status, Duration duration, String onlyMethod) {

    public enum Kind { STATUS, SLOW, DROP_CONNECTION }

    /** 429 with a {@code Retry-After} header (whole seconds, rounded up). */
    public static Fault tooManyRequests(Duration retryAfter) {
        return new Fault(Kind.STATUS, 429, retryAfter, null);
    }

    /** 429 without a {@code Retry-After} header. */
    public static Fault tooManyRequests() {
        return new Fault(Kind.STATUS, 429, null, null);
    }

    /** A 5xx (or any) status with a SCIM Error body. */
    public static Fault status(int status) {
        return new Fault(Kind.STATUS, status, null, null);
    }

    /** Answers normally after {@code delay}. */
    public static Fault slow(Duration delay) {
        return new Fault(Kind.SLOW, 0, delay, null);
    }

    /** Closes the connection without any response. */
    public static Fault dropConnection() {
        return new Fault(Kind.DROP_CONNECTION, 0, null, null);
    }

    /** 409 uniqueness on POST, as if another client created the same object first. */
    public static Fault conflictOnCreate() {
        return new Fault(Kind.STATUS, 409, null, "POST");
    }

    /** The same fault restricted to one HTTP method. */
    public Fault onlyFor(String method) {
        return new Fault(kind, status, duration, method);
    }

    boolean appliesTo(String method) {
        return onlyMethod == null || onlyMethod.equalsIgnoreCase(method);
    }
}
