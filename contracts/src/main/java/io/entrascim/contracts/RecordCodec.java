package io.entrascim.contracts;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import java.time.Instant;

/**
 * JSON (de)serialization of the contract records. Reading validates the record, so a consumer gets
 * either a record that honours its contract or a {@link MalformedRecordException} naming the field.
 * Unknown properties are ignored so that additive changes within a schema version stay compatible.
 * Every service reads one record per object, so reading is kept cheap: records are built by plain reflection
 * ({@link DirectRecordCreation}) and instants in their canonical form without {@code DateTimeFormatter}
 * ({@link CanonicalInstantDeserializer}); both leave anything unusual, and every error, to Jackson's own code. The
 * records of this package are first written and read on the streaming API ({@link StreamingRecordJson}), which
 * gives the same bytes and the same records and leaves the rest to Jackson's databind.
 */
public final class RecordCodec {

    private static final JsonMapper MAPPER = jacksonSettings()
            .addModule(new DirectRecordCreation())
            .addModule(new SimpleModule("entrascim-canonical-instants")
                    .addDeserializer(Instant.class, new CanonicalInstantDeserializer()))
            .build();

    private static final StreamingRecordJson STREAMING = new StreamingRecordJson(MAPPER);

    private RecordCodec() {
    }

    /** The codec's Jackson settings without its fast paths (the tests compare the fast paths with Jackson's own). */
    static JsonMapper.Builder jacksonSettings() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    /** The shared mapper (thread-safe). */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object record) {
        byte[] streamed = STREAMING.write(record);
        return streamed != null ? streamed : MAPPER.writeValueAsBytes(record);
    }

    public static String writeString(Object record) {
        return MAPPER.writeValueAsString(record);
    }

    /** Reads and validates; throws {@link MalformedRecordException} when the bytes are not a valid {@code type}. */
    public static <T extends Versioned> T read(byte[] bytes, Class<T> type) {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedRecordException(null, "empty record: expected a JSON " + type.getSimpleName());
        }
        T value = STREAMING.read(bytes, type);
        if (value != null) {
            value.validate();
            return value;
        }
        try {
            value = MAPPER.readValue(bytes, type);
        } catch (JacksonException e) {
            String path = e.getPathReference();
            String field = path == null || path.isBlank() ? null : pathOf(e);
            throw new MalformedRecordException(field, "not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
        if (value == null) {
            throw new MalformedRecordException(null, "JSON null: expected a " + type.getSimpleName());
        }
        value.validate();
        return value;
    }

    private static String pathOf(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }
}
