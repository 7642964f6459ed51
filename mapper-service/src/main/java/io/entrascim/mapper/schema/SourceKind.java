package io.entrascim.mapper.schema;

/** Graph {@code attributeMappingSource.type}: Direct, Constant or Expression in the portal. */
public enum SourceKind {
    ATTRIBUTE, CONSTANT, FUNCTION
}
