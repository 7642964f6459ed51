package io.entrascim.contracts;

/**
 * A record on a topic could not be read or breaks its contract. The message names the field and
 * the reason; consumers audit it as a failure and park the raw record on the dead-letter topic.
 */
public class MalformedRecordException extends RuntimeException {
    private final String field;

    public MalformedRecordException(String field, String reason) {
        super(field == null ? reason : "field '" + field + "': " + reason);
        this.field = field;
    }

    public MalformedRecordException(String field, String reason, Throwable cause) {
        super(field == null ? reason : "field '" + field + "': " + reason, cause);
        this.field = field;
    }

    /** The offending field (JSON path), or null when the record as a whole is unreadable. */
    public String field() {
        return field;
    }
}
