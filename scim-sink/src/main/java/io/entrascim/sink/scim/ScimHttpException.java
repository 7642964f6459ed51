package io.entrascim.sink.scim;

import java.time.Duration;

/** The target answered with a non-2xx status. Never carries the bearer token. */
public class ScimHttpException extends RuntimeException {

    private final String method;
    private final String path;
    private final ScimError error;
    private final Duration retryAfter;
    private final long millis;

    public ScimHttpException(String method, String path, ScimError error, Duration retryAfter, long millis) {
        super(method + " " + path + " -> HTTP " + error.status()
                + (error.scimType() == null ? "" : " " + error.scimType())
                + (error.detail() == null ? "" : ": " + error.detail()), null, false, false);
        this.method = method;
        this.path = path;
        this.error = error;
        this.retryAfter = retryAfter;
        this.millis = millis;
    }

    public int status() {
        return error.status();
    }

    public ScimError error() {
        return error;
    }

    /** The target's {@code Retry-After}, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public long millis() {
        return millis;
    }
}
