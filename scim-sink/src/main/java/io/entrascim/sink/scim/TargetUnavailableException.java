package io.entrascim.sink.scim;

/** The circuit breaker is open: the target is considered down; the command must wait, not fail. */
public class TargetUnavailableException extends RuntimeException {
    public TargetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
