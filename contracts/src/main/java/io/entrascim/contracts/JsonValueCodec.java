package io.entrascim.contracts;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How one declared type of a contract record's component is written and read on {@link StreamingRecordJson}'s fast
 * path. Each codec writes exactly what Jackson writes for the type, and reads only what Jackson would read into the
 * same value; for anything else (a coercion, a duplicate key, a float in an untyped value) it throws
 * {@link StreamingRecordJson.Declined} and the whole record is left to Jackson.
 */
interface JsonValueCodec {

    void write(JsonGenerator g, Object value);

    /** Reads the value whose first token is the parser's current token. */
    Object read(JsonParser p);

    /** The codec for a declared type, or null when the fast path does not handle it. */
    static JsonValueCodec of(Type type, Function<Class<?>, JsonValueCodec> records) {
        if (type == int.class) {
            return INT;
        }
        if (type == long.class) {
            return LONG;
        }
        if (type == boolean.class) {
            return BOOLEAN;
        }
        if (type == String.class) {
            return STRING;
        }
        if (type == Instant.class) {
            return INSTANT;
        }
        if (type == Object.class) {
            return UNTYPED;
        }
        if (type instanceof Class<?> c && c.isEnum()) {
            return writtenByName(c) ? enumCodec(c) : null;
        }
        if (type instanceof Class<?> c && c.isRecord()) {
            return records.apply(c);
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            JsonValueCodec element = of(p.getActualTypeArguments()[0], records);
            return element == null ? null : listCodec(element);
        }
        if (type instanceof ParameterizedType p && p.getRawType() == Map.class
                && p.getActualTypeArguments()[0] == String.class) {
            JsonValueCodec value = of(p.getActualTypeArguments()[1], records);
            return value == STRING || value == UNTYPED ? mapCodec(value) : null;
        }
        return null;
    }

    JsonValueCodec INT = new JsonValueCodec() {
        @Override
        public void write(JsonGenerator g, Object value) {
            g.writeNumber((Integer) value);
        }

        @Override
        public Object read(JsonParser p) {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                return p.getIntValue();
            }
            // a null primitive reads as its default: the codec's Jackson settings allow it
            return defaultFor(t, 0);
        }
    };

    JsonValueCodec LONG = new JsonValueCodec() {
        @Override
        public void write(JsonGenerator g, Object value) {
            g.writeNumber((Long) value);
        }

        @Override
        public Object read(JsonParser p) {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                return p.getLongValue();
            }
            return defaultFor(t, 0L);
        }
    };

    JsonValueCodec BOOLEAN = new JsonValueCodec() {
        @Override
        public void write(JsonGenerator g, Object value) {
            g.writeBoolean((Boolean) value);
        }

        @Override
        public Object read(JsonParser p) {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                return t == JsonToken.VALUE_TRUE;
            }
            return defaultFor(t, Boolean.FALSE);
        }
    };

    JsonValueCodec STRING = new JsonValueCodec() {
        @Override
        public void write(JsonGenerator g, Object value) {
            g.writeString((String) value);
        }

        @Override
        public Object read(JsonParser p) {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_STRING) {
                return p.getString();
            }
            return defaultFor(t, null);
        }
    };

    /** {@code Instant.toString()} both ways, as {@link CanonicalInstantDeserializer} reads it. */
    JsonValueCodec INSTANT = textual(Object::toString, CanonicalInstantDeserializer::parse);

    /**
     * A value of declared type {@code Object}: strings, booleans, integers, lists and string-keyed maps natively (as
     * Jackson's untyped reader builds them: {@code Integer}, {@code Long} or {@code BigInteger}, {@code ArrayList},
     * {@code LinkedHashMap}); floats, duplicate keys and every other Java type are left to Jackson.
     */
    JsonValueCodec UNTYPED = new JsonValueCodec() {
        @Override
        public void write(JsonGenerator g, Object value) {
            if (value == null) {
                g.writeNull();
            } else if (value instanceof String s) {
                g.writeString(s);
            } else if (value instanceof Boolean b) {
                g.writeBoolean(b);
            } else if (value instanceof Integer i) {
                g.writeNumber(i);
            } else if (value instanceof Long l) {
                g.writeNumber(l);
            } else if (value instanceof List<?> list) {
                g.writeStartArray();
                for (Object element : list) {
                    write(g, element);
                }
                g.writeEndArray();
            } else if (value instanceof Map<?, ?> map && map.keySet().stream().allMatch(String.class::isInstance)) {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    g.writeName((String) e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            } else {
                g.writePOJO(value);
            }
        }

        @Override
        public Object read(JsonParser p) {
            JsonToken t = p.currentToken();
            switch (t) {
                case VALUE_STRING:
                    return p.getString();
                case VALUE_TRUE:
                    return Boolean.TRUE;
                case VALUE_FALSE:
                    return Boolean.FALSE;
                case VALUE_NULL:
                    return null;
                case VALUE_NUMBER_INT:
                    return p.getNumberValue();
                case START_ARRAY: {
                    List<Object> list = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        list.add(read(p));
                    }
                    return list;
                }
                case START_OBJECT:
                    return readMap(p, this);
                default:
                    throw StreamingRecordJson.Declined.INSTANCE;
            }
        }
    };

    private static Object defaultFor(JsonToken t, Object nullValue) {
        if (t == JsonToken.VALUE_NULL) {
            return nullValue;
        }
        throw StreamingRecordJson.Declined.INSTANCE;
    }

    /** Whether Jackson writes and reads each constant by its name: no constant has a {@code toString} of its own. */
    private static boolean writtenByName(Class<?> type) {
        for (Object constant : type.getEnumConstants()) {
            if (!constant.toString().equals(((Enum<?>) constant).name())) {
                return false;
            }
        }
        return true;
    }

    private static JsonValueCodec enumCodec(Class<?> type) {
        Map<String, Object> byName = new HashMap<>();
        for (Object constant : type.getEnumConstants()) {
            byName.put(((Enum<?>) constant).name(), constant);
        }
        return textual(constant -> ((Enum<?>) constant).name(), byName::get);
    }

    /** A value written as a string and read from one by {@code parse}, which gives null for text it leaves to Jackson. */
    private static JsonValueCodec textual(Function<Object, String> format, Function<String, Object> parse) {
        return new JsonValueCodec() {
            @Override
            public void write(JsonGenerator g, Object value) {
                g.writeString(format.apply(value));
            }

            @Override
            public Object read(JsonParser p) {
                if (p.currentToken() == JsonToken.VALUE_STRING) {
                    Object value = parse.apply(p.getString());
                    if (value != null) {
                        return value;
                    }
                    throw StreamingRecordJson.Declined.INSTANCE;
                }
                return defaultFor(p.currentToken(), null);
            }
        };
    }

    private static JsonValueCodec listCodec(JsonValueCodec element) {
        return new JsonValueCodec() {
            @Override
            public void write(JsonGenerator g, Object value) {
                List<?> list = (List<?>) value;
                g.writeStartArray();
                for (int i = 0, n = list.size(); i < n; i++) {
                    Object e = list.get(i);
                    if (e == null) {
                        g.writeNull();
                    } else {
                        element.write(g, e);
                    }
                }
                g.writeEndArray();
            }

            @Override
            public Object read(JsonParser p) {
                if (p.currentToken() != JsonToken.START_ARRAY) {
                    return defaultFor(p.currentToken(), null);
                }
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(p.currentToken() == JsonToken.VALUE_NULL ? null : element.read(p));
                }
                return list;
            }
        };
    }

    private static JsonValueCodec mapCodec(JsonValueCodec value) {
        return new JsonValueCodec() {
            @Override
            public void write(JsonGenerator g, Object map) {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) map).entrySet()) {
                    g.writeName((String) e.getKey());
                    if (e.getValue() == null) {
                        g.writeNull();
                    } else {
                        value.write(g, e.getValue());
                    }
                }
                g.writeEndObject();
            }

            @Override
            public Object read(JsonParser p) {
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    return defaultFor(p.currentToken(), null);
                }
                return readMap(p, value);
            }
        };
    }

    /** A JSON object into a {@code LinkedHashMap}; a key seen twice is left to Jackson (it merges or overwrites). */
    private static Map<String, Object> readMap(JsonParser p, JsonValueCodec value) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String key = p.nextName(); key != null; key = p.nextName()) {
            if (map.containsKey(key)) {
                throw StreamingRecordJson.Declined.INSTANCE;
            }
            p.nextToken();
            map.put(key, value.read(p));
        }
        return map;
    }
}
