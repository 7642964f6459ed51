package io.entrascim.sink.core;

/**
 * A result or dead-letter record was not acknowledged by the broker. The input record must then be
 * delivered again (never skipped): the container's error handler retries it without limit.
 */
public final class PublishNotAcknowledgedException extends RuntimeException {
    public PublishNotAcknowledgedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when {@code e} or one of its causes is a send that was not acknowledged. */
    public static boolean isCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PublishNotAcknowledgedException) {
                return true;
            }
        }
        return false;
    }
}
