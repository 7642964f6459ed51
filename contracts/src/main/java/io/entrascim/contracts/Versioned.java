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

    /**
     * {@link #require} for a field of the {@code index}th element of a list ({@code field} null: the element itself).
     * The field's path ({@code attributes[3].name}) is built only when it is missing: a command has dozens of
     * elements, and formatting every path for every record read was a tenth of the time spent reading one.
     */
    static void requireAt(Object value, String list, int index, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new MalformedRecordException(list + "[" + index + "]" + (field == null ? "" : "." + field), "is required");
        }
    }

    static void requireVersion(int actual, int supported) {
        if (actual != supported) {
            throw new MalformedRecordException("schemaVersion",
                    "unsupported version " + actual + " (this reader understands " + supported + ")");
        }
    }
}
