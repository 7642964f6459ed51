package io.entrascim.contracts;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.util.ByteArrayBuilder;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes and reads the contract records straight on Jackson's streaming generator and parser, without databind's
 * per-property serializer lookups, buffers and method handles: the services run on C1 only, where those cost most,
 * and every object costs the pipeline three writes and three reads of them (its change, command and result).
 * The output is byte for byte Jackson's (the tests compare them); on reading, anything Jackson would coerce, merge or
 * refuse declines the fast path, and {@link RecordCodec} reads the record again with Jackson, so what is accepted
 * and how errors read do not change. Only records of this package are handled: their tests cover every component.
 */
final class StreamingRecordJson {

    /** Thrown (without a stack trace) when the fast path leaves a record to Jackson. */
    static final class Declined extends RuntimeException {
        static final Declined INSTANCE = new Declined();

        private Declined() {
            super("left to Jackson", null, false, false);
        }
    }

    /** Shapes built so far, null for a type the fast path does not handle; guarded by itself. */
    private static final Map<Class<?>, RecordShape> SHAPES = new HashMap<>();

    private static final ClassValue<Optional<RecordShape>> SHAPE = new ClassValue<>() {
        @Override
        protected Optional<RecordShape> computeValue(Class<?> type) {
            if (type.getPackage() != StreamingRecordJson.class.getPackage()) {
                return Optional.empty();
            }
            synchronized (SHAPES) {
                return Optional.ofNullable(RecordShape.of(type, SHAPES));
            }
        }
    };

    private final JsonMapper mapper;

    StreamingRecordJson(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** The shape of a record type of this package the fast path handles, or null. */
    static RecordShape shapeOf(Class<?> type) {
        return SHAPE.get(type).orElse(null);
    }

    /** The record as JSON, or null when the fast path leaves it to Jackson. */
    byte[] write(Object record) {
        RecordShape shape = shapeOf(record.getClass());
        if (shape == null) {
            return null;
        }
        try (ByteArrayBuilder out = new ByteArrayBuilder(1024);
             JsonGenerator g = mapper.createGenerator(out)) {
            shape.write(g, record);
            g.flush();
            return out.toByteArray();
        } catch (RuntimeException declined) {
            return null;
        }
    }

    /** The record read from {@code bytes}, or null when the fast path leaves it to Jackson. */
    <T> T read(byte[] bytes, Class<T> type) {
        RecordShape shape = shapeOf(type);
        if (shape == null) {
            return null;
        }
        try (JsonParser p = mapper.createParser(bytes)) {
            p.nextToken();
            Object value = shape.read(p);
            // trailing content, and a bare null, are Jackson's to judge
            return value == null || p.nextToken() != null ? null : type.cast(value);
        } catch (RuntimeException declined) {
            return null;
        }
    }
}
