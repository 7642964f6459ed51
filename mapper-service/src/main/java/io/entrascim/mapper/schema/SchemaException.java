package io.entrascim.mapper.schema;

/** Invalid mapping configuration: names the JSON path of the offending element and what to fix. */
public final class SchemaException extends RuntimeException {
    private final String path;
    private final String reason;

    public SchemaException(String path, String reason) {
        super(path + ": " + reason);
        this.path = path;
        this.reason = reason;
    }

    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }
}
