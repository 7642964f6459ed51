package io.entrascim.contracts;

/** Graph {@code modifiedProperty}: one attribute with its value before and after (as strings, may be null). */
public record ModifiedProperty(String displayName, String oldValue, String newValue) {
}
