package io.entrascim.cli;

/** A call to a service that did not give an answer the command can use. Messages never contain tokens. */
final class ServiceException extends Exception {

    enum Kind { UNREACHABLE, ERROR }

    private final Kind kind;
    private final int status;

    ServiceException(Kind kind, int status, String message) {
        super(message);
        this.kind = kind;
        this.status = status;
    }

    Kind kind() {
        return kind;
    }

    /** HTTP status of an {@link Kind#ERROR}, 0 when unreachable. */
    int status() {
        return status;
    }

    int exitCode() {
        return kind == Kind.UNREACHABLE ? ExitCodes.UNREACHABLE : ExitCodes.SERVICE_ERROR;
    }
}
