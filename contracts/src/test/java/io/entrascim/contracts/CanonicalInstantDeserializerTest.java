package io.entrascim.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class CanonicalInstantDeserializerTest {

    /** Jackson's own reading, as RecordCodec read instants before the canonical fast path. */
    private static final JsonMapper JACKSON = RecordCodec.jacksonSettings().build();

    record Stamped(Instant at) {
    }

    record Formatted(@JsonFormat(pattern = "yyyy/MM/dd HH:mm", timezone = "UTC") Instant at) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-04T13:29:46Z", "2026-12-04T13:29:46.1Z", "2026-12-04T13:29:46.123Z",
            "2026-12-04T13:29:46.123456Z", "2026-12-04T13:29:46.123456789Z", "2026-12-04T13:29:46.0001Z",
            "1970-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2024-02-29T12:00:00Z"})
    void readsTheFormInstantToStringWritesExactlyAsJacksonDoes(String text) {
        assertThat(CanonicalInstantDeserializer.parse(text)).isEqualTo(Instant.parse(text));
        assertThat(read(RecordCodec.mapper(), text)).isEqualTo(read(JACKSON, text));
    }

    @Test
    void readsWhatInstantToStringWrites() {
        for (Instant instant : new Instant[]{Instant.now(), Instant.ofEpochSecond(1_733_318_986L, 120_000_000),
                Instant.ofEpochSecond(0, 1), Instant.parse("2026-12-31T23:59:59Z")}) {
            assertThat(CanonicalInstantDeserializer.parse(instant.toString())).isEqualTo(instant);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-04T13:29:46+01:00", "2026-12-04T13:29:46.5+00:00", "2026-12-04T13:29:46z",
            "2026-12-04 13:29:46Z", "2026-12-04T13:29Z", "2026-12-04T13:29:46.Z", "2026-12-04T13:29:46.1234567890Z",
            "+12026-12-04T13:29:46Z", "2026-02-30T13:29:46Z", "2026-13-04T13:29:46Z", "2026-12-04T24:00:00Z",
            "2026-12-04T13:60:46Z", "2026-12-04T13:29:60Z", "2026-1a-04T13:29:46Z", "٢٠٢٦-12-04T13:29:46Z",
            " 2026-12-04T13:29:46Z", "yesterday", ""})
    void leavesEveryOtherFormToJacksonWithItsOwnResultOrError(String text) {
        assertThat(CanonicalInstantDeserializer.parse(text)).isNull();
        Object ours = outcome(RecordCodec.mapper(), text);
        Object jacksons = outcome(JACKSON, text);
        assertThat(ours).isEqualTo(jacksons);
    }

    @Test
    void epochNumbersStillReadAsJacksonReadsThem() {
        byte[] json = "{\"at\":1733318986.5}".getBytes(StandardCharsets.UTF_8);
        assertThat(RecordCodec.mapper().readValue(json, Stamped.class)).isEqualTo(JACKSON.readValue(json, Stamped.class));
    }

    @Test
    void aPropertyWithItsOwnFormatIsReadWithThatFormat() {
        byte[] json = "{\"at\":\"2026/12/04 13:29\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(RecordCodec.mapper().readValue(json, Formatted.class).at())
                .isEqualTo(Instant.parse("2026-12-04T13:29:00Z"))
                .isEqualTo(JACKSON.readValue(json, Formatted.class).at());
    }

    private static Instant read(JsonMapper mapper, String text) {
        return mapper.readValue(("{\"at\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8), Stamped.class).at();
    }

    /** The value read, or the error's class and message. */
    private static Object outcome(JsonMapper mapper, String text) {
        Throwable error = catchThrowable(() -> read(mapper, text));
        return error == null ? read(mapper, text) : error.getClass().getName() + ": " + error.getMessage();
    }
}
