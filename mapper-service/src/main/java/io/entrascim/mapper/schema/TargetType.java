package io.entrascim.mapper.schema;

/** Target attribute types of a Graph synchronization schema directory. */
public enum TargetType {
    STRING, BOOLEAN, INTEGER, DATETIME, REFERENCE, BINARY;

    static TargetType parse(String graphType) {
        if (graphType == null) {
            return STRING;
        }
        for (TargetType t : values()) {
            if (t.name().equalsIgnoreCase(graphType)) {
                return t;
            }
        }
        return null;
    }
}
