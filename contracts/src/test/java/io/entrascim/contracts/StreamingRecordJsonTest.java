package io.entrascim.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.entrascim.contracts.outside.OutsideRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class StreamingRecordJsonTest {

    /** Jackson alone, with the codec's settings and fast paths: what the streaming codec must equal. */
    private static final JsonMapper JACKSON = RecordCodec.mapper();
    private static final StreamingRecordJson STREAMING = new StreamingRecordJson(JACKSON);

    private static final List<Class<? extends Record>> CONTRACT_RECORDS = List.of(AppRoleAssignmentFact.class,
            AssignmentFacts.class, ChangeEvent.class, CycleMarker.class, ErrorInfo.class, Identity.class,
            MatchingAttribute.class, MemberChange.class, ModifiedProperty.class, ProvisioningCommand.class,
            ProvisioningResult.class, ProvisioningStep.class, TargetAttribute.class);

    private static final String[] HOSTILE = {"plain", "quote \" and backslash \\ and slash /", "line\nbreak\ttab\r",
            "emoji \uD83D\uDE00 and right-to-left \u05E9\u05DC\u05D5\u05DD \u202E", "control \u0001\u001F", "", "\u00e9t\u00e9"};

    @Test
    void everyContractRecordIsHandledAndEveryOtherTypeIsLeftToJackson() {
        for (Class<?> type : CONTRACT_RECORDS) {
            assertThat(StreamingRecordJson.shapeOf(type)).as(type.getSimpleName()).isNotNull();
        }
        assertThat(StreamingRecordJson.shapeOf(BatchedRecord.class)).as("byte[] components").isNull();
        assertThat(StreamingRecordJson.shapeOf(OutsideRecord.class)).as("a record of another package").isNull();
        assertThat(STREAMING.write(new OutsideRecord("x"))).isNull();
        assertThat(RecordCodec.writeString(new OutsideRecord("x"))).isEqualTo("{\"name\":\"x\"}");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void writesTheBytesJacksonWritesAndReadsBackTheRecordJacksonReads(int variant) throws Exception {
        for (Class<?> type : CONTRACT_RECORDS) {
            Object record = instance(type, variant);
            byte[] jackson = JACKSON.writeValueAsBytes(record);
            byte[] streamed = STREAMING.write(record);
            assertThat(streamed).as(type.getSimpleName()).isNotNull();
            assertThat(new String(streamed, StandardCharsets.UTF_8)).as(type.getSimpleName())
                    .isEqualTo(new String(jackson, StandardCharsets.UTF_8));
            Object read = STREAMING.read(jackson, type);
            assertThat(read).as(type.getSimpleName()).isNotNull().isEqualTo(JACKSON.readValue(jackson, type));
        }
    }

    @Test
    void untypedValuesKeepJacksonsJavaTypes() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("small", 7);
        attributes.put("large", 1L << 40);
        attributes.put("huge", new BigInteger("123456789012345678901234567890"));
        attributes.put("flag", false);
        attributes.put("nothing", null);
        attributes.put("list", List.of("a", 1, List.of(), Map.of()));
        attributes.put("nested", Map.of("k", "v"));
        ChangeEvent event = changeEvent(attributes);
        byte[] json = JACKSON.writeValueAsBytes(event);
        assertThat(STREAMING.write(event)).isEqualTo(json);
        ChangeEvent read = STREAMING.read(json, ChangeEvent.class);
        ChangeEvent jacksons = JACKSON.readValue(json, ChangeEvent.class);
        assertThat(read).isEqualTo(jacksons);
        read.attributes().forEach((k, v) -> assertThat(v == null ? null : v.getClass()).as(k)
                .isEqualTo(jacksons.attributes().get(k) == null ? null : jacksons.attributes().get(k).getClass()));
    }

    @Test
    void aValueOfAnotherJavaTypeIsWrittenByJackson() {
        ChangeEvent event = changeEvent(Map.of("amount", new BigDecimal("1.50"), "when", Instant.EPOCH));
        assertThat(STREAMING.write(event)).isEqualTo(JACKSON.writeValueAsBytes(event));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"schemaVersion\":1,|\"schemaVersion\":\"1\",",             // a number as text: Jackson coerces
            "\"cycleId\":\"c\"|\"cycleId\":5",                            // a number into a string
            "\"objectId\":\"o\"|\"objectId\":\"o\",\"objectId\":\"p\"",    // a duplicate property
            "\"kind\":\"UPSERT\"|\"kind\":\"upsert\"",                    // an enum Jackson refuses
            "\"kind\":\"UPSERT\"|\"kind\":0",                             // an enum by index
            "\"observedAt\":\"2026-12-05T01:02:03Z\"|\"observedAt\":\"2026-12-05T02:02:03+01:00\"",
            "\"observedAt\":\"2026-12-05T01:02:03Z\"|\"observedAt\":1764896523",
            "\"a\":1|\"a\":1.5",                                          // a float in an untyped value
            "\"a\":1|\"a\":1,\"a\":2",                                    // a duplicate untyped key
            "\"memberChanges\":[]|\"memberChanges\":{}",                  // an object for a list
            "\"memberChanges\":[]|\"memberChanges\":[null]",              // the record refuses a null element
            "}|} {}",                                                     // trailing content
            "}|",                                                         // truncated
    })
    void whatTheFastPathDeclinesJacksonDecidesAsBefore(String edit) {
        String[] e = edit.split("\\|", -1);
        String canonical = "{\"schemaVersion\":1,\"eventId\":\"e\",\"cycleId\":\"c\",\"origin\":\"INITIAL\","
                + "\"observedAt\":\"2026-12-05T01:02:03Z\",\"objectType\":\"USER\",\"objectId\":\"o\",\"kind\":\"UPSERT\","
                + "\"attributes\":{\"a\":1},\"assignment\":null,\"memberChanges\":[]}";
        assertThat(STREAMING.read(bytes(canonical), ChangeEvent.class)).isNotNull();
        String edited = canonical.replace(e[0], e[1]);
        assertThat(edited).isNotEqualTo(canonical);
        assertThat(STREAMING.read(bytes(edited), ChangeEvent.class)).isNull();
        Object viaCodec;
        try {
            viaCodec = RecordCodec.read(bytes(edited), ChangeEvent.class);
        } catch (MalformedRecordException ex) {
            viaCodec = ex.getMessage() + " @" + ex.field();
        }
        Object viaJackson;
        try {
            ChangeEvent jacksons = JACKSON.readValue(bytes(edited), ChangeEvent.class);
            jacksons.validate();
            viaJackson = jacksons;
        } catch (RuntimeException ex) {
            viaJackson = null;
        }
        if (viaJackson != null) {
            assertThat(viaCodec).isEqualTo(viaJackson);
        } else {
            assertThat(viaCodec).isInstanceOf(String.class);
        }
    }

    @Test
    void unknownPropertiesAreSkippedAndAbsentOnesTakeJacksonsDefaults() {
        String json = "{\"extra\":{\"deep\":[1,{\"x\":[]}]},\"name\":\"userName\",\"more\":[[]],\"value\":null}";
        MatchingAttribute read = STREAMING.read(bytes(json), MatchingAttribute.class);
        assertThat(read).isEqualTo(JACKSON.readValue(bytes(json), MatchingAttribute.class))
                .isEqualTo(new MatchingAttribute("userName", null, 0));
        assertThat(STREAMING.read(bytes("{\"name\":\"n\",\"priority\":null}"), MatchingAttribute.class))
                .isEqualTo(new MatchingAttribute("n", null, 0));
        assertThat(STREAMING.read(bytes("null"), MatchingAttribute.class)).isNull();
    }

    private static ChangeEvent changeEvent(Map<String, Object> attributes) {
        return new ChangeEvent(ChangeEvent.VERSION, "e", "c", CycleOrigin.INITIAL, Instant.parse("2026-12-05T01:02:03Z"),
                ObjectType.USER, "o", ChangeKind.UPSERT, attributes, null, List.of());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Every component filled (variant 0: the first value of each kind, higher variants others), with a variant whose
     * reference components are all null where the record allows it.
     */
    private static Object instance(Class<?> type, int variant) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = value(components[i].getGenericType(), variant + i);
            if (variant == 6 && !types[i].isPrimitive()) {
                args[i] = null;
            }
        }
        Constructor<?> constructor = type.getConstructor(types);
        return constructor.newInstance(args);
    }

    private static Object value(Type type, int n) throws Exception {
        if (type == int.class) {
            return n % 2 == 0 ? n : -Integer.MAX_VALUE + n;
        }
        if (type == long.class) {
            return n % 2 == 0 ? (long) n : Long.MAX_VALUE - n;
        }
        if (type == boolean.class) {
            return n % 2 == 0;
        }
        if (type == String.class) {
            return HOSTILE[n % HOSTILE.length];
        }
        if (type == Instant.class) {
            return n % 2 == 0 ? Instant.parse("2026-12-05T01:02:03.123456789Z") : Instant.parse("2026-12-05T01:02:03Z");
        }
        if (type == Object.class) {
            return switch (n % 4) {
                case 0 -> HOSTILE[n % HOSTILE.length];
                case 1 -> true;
                case 2 -> n;
                default -> List.of("a", Map.of("b", 2L << 35));
            };
        }
        if (type instanceof Class<?> c && c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return constants[n % constants.length];
        }
        if (type instanceof Class<?> c && c.isRecord()) {
            return instance(c, n % 6);
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < 1 + n % 3; i++) {
                list.add(value(p.getActualTypeArguments()[0], n + i));
            }
            return list;
        }
        if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < 1 + n % 3; i++) {
                map.put(HOSTILE[(n + i) % HOSTILE.length] + i, value(p.getActualTypeArguments()[1], n + i));
            }
            return map;
        }
        throw new IllegalArgumentException("no test value for " + type);
    }
}
