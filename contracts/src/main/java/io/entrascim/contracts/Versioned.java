package io.entrascim.contracts;

/** A record on a topic: carries its schema version and checks its own contract after reading. */
public interface Versioned {

    /** Schema generation of the record; readers reject versions they do not know. */
    int schemaVersion();

    /** Throws {@link MalformedRecordException} naming the first field that breaks the contract. */
    void validate();

    static void require(Object value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new MalformedRecordException(field, "is required");
        }
    }

    static void requireVersion(int actual, int supported) {
        if (actual != supported) {
            throw new MalformedRecordException("schemaVersion",
                    "unsupported version " + actual + " (this reader understands " + supported + ")");
        }
    }
}
