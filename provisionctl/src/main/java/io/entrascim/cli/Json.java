package io.entrascim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** JSON in and out for the CLI. */
final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Json() {
    }

    /** Reads a JSON object from a file ("-" = stdin). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> readObject(String file) throws InputException {
        String text;
        try {
            text = "-".equals(file) ? new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage());
        }
        Object value;
        try {
            value = MAPPER.readValue(text, Object.class);
        } catch (RuntimeException e) {
            throw new InputException(file + " is not valid JSON: " + e.getMessage());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InputException(file + " must hold a JSON object of attribute names to values");
        }
        return (Map<String, Object>) map;
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    static String pretty(Object value) {
        return PRETTY.writeValueAsString(value);
    }

    /** A source file problem: exit code {@link ExitCodes#INPUT}. */
    static final class InputException extends Exception {
        InputException(String message) {
            super(message);
        }
    }
}
