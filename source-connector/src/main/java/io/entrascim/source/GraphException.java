package io.entrascim.source;

/**
 * A Graph (or token endpoint) answer the connector cannot use. {@code retriable} means a later attempt may
 * succeed (throttling, 5xx, network); messages never contain tokens or secrets.
 */
class GraphException extends RuntimeException {
    private final int status;
    private final String code;
    private final boolean retriable;

    GraphException(int status, String code, String message, boolean retriable) {
        super(message);
        this.status = status;
        this.code = code;
        this.retriable = retriable;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    boolean retriable() {
        return retriable;
    }
}
