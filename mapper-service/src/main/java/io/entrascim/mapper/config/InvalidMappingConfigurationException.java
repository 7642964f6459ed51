package io.entrascim.mapper.config;

import io.entrascim.mapper.schema.SchemaException;

/** mapper.schema-location points at a configuration that does not load. */
final class InvalidMappingConfigurationException extends IllegalStateException {
    private final String location;
    private final SchemaException problem;

    InvalidMappingConfigurationException(String location, SchemaException problem) {
        super("mapper.schema-location=" + location + " is invalid: " + problem.getMessage(), problem);
        this.location = location;
        this.problem = problem;
    }

    String location() {
        return location;
    }

    SchemaException problem() {
        return problem;
    }
}
