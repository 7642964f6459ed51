package io.entrascim.sink.scim;

/**
 * The one error classification that drives retry, dead-lettering and audit status
 * (values are those of {@code DeadLetterHeaders.ERROR_CLASS}).
 */
public enum ErrorClass {
    /** 429, 5xx, 408, timeouts, resets: retried with backoff, dead-lettered only when retries run out. */
    RETRIABLE("retriable"),
    /** 400 and other 4xx, schema errors: dead-lettered at once. */
    PERMANENT("permanent"),
    /** 409 or several matches: resolved by matching when possible, else dead-lettered. */
    CONFLICT("conflict");

    private final String header;

    ErrorClass(String header) {
        this.header = header;
    }

    public String header() {
        return header;
    }

    public static ErrorClass of(Throwable e) {
        if (e instanceof ScimTransportException) {
            return RETRIABLE;
        }
        if (e instanceof ScimHttpException h) {
            int s = h.status();
            if (s == 429 || s == 408 || s >= 500) {
                return RETRIABLE;
            }
            return s == 409 ? CONFLICT : PERMANENT;
        }
        return PERMANENT;
    }

    public static boolean isRetriable(Throwable e) {
        return of(e) == RETRIABLE;
    }
}
