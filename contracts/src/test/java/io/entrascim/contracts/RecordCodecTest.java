package io.entrascim.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RecordCodecTest {

    private static ChangeEvent user() {
        return new ChangeEvent(ChangeEvent.VERSION, "e1", "c1", CycleOrigin.INITIAL, Instant.parse("2026-11-28T10:00:00Z"),
                ObjectType.USER, "u1", ChangeKind.UPSERT,
                Map.of("userPrincipalName", "a@contoso.com", "accountEnabled", true, "proxyAddresses", List.of("x", "y")),
                AssignmentFacts.assigned(List.of(new AppRoleAssignmentFact("a1", "r1", null, null, "u1", "User"))), List.of());
    }

    @Test
    void changeEventSurvivesRoundTrip() {
        ChangeEvent back = RecordCodec.read(RecordCodec.write(user()), ChangeEvent.class);
        assertThat(back).isEqualTo(user());
    }

    @Test
    void missingRequiredFieldIsNamed() {
        String json = RecordCodec.writeString(user()).replace("\"objectId\":\"u1\",", "");
        assertThatThrownBy(() -> RecordCodec.read(json.getBytes(StandardCharsets.UTF_8), ChangeEvent.class))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("objectId");
    }

    @Test
    void wrongTypeNamesThePath() {
        String json = RecordCodec.writeString(user()).replace("\"kind\":\"UPSERT\"", "\"kind\":\"EXPLODE\"");
        assertThatThrownBy(() -> RecordCodec.read(json.getBytes(StandardCharsets.UTF_8), ChangeEvent.class))
                .isInstanceOf(MalformedRecordException.class)
                .satisfies(e -> assertThat(((MalformedRecordException) e).field()).isEqualTo("kind"));
    }

    @Test
    void unknownSchemaVersionIsRejected() {
        String json = RecordCodec.writeString(user()).replace("\"schemaVersion\":1", "\"schemaVersion\":7");
        assertThatThrownBy(() -> RecordCodec.read(json.getBytes(StandardCharsets.UTF_8), ChangeEvent.class))
                .hasMessageContaining("schemaVersion");
    }

    @Test
    void garbageIsMalformedNotACrash() {
        assertThatThrownBy(() -> RecordCodec.read("{not json".getBytes(StandardCharsets.UTF_8), ChangeEvent.class))
                .isInstanceOf(MalformedRecordException.class);
        assertThatThrownBy(() -> RecordCodec.read(new byte[0], ChangeEvent.class))
                .isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void unknownPropertiesAreIgnoredForAdditiveChanges() {
        String json = RecordCodec.writeString(user()).replace("{\"schemaVersion\"", "{\"futureField\":42,\"schemaVersion\"");
        assertThat(RecordCodec.read(json.getBytes(StandardCharsets.UTF_8), ChangeEvent.class).objectId()).isEqualTo("u1");
    }

    @Test
    void redactedAttributeNeverShowsItsValueToTheAudit() {
        assertThat(new TargetAttribute("password", "s3cret", AttributeFlow.ON_CREATE_ONLY, true).auditValue())
                .isEqualTo("[Redact]");
    }

    @Test
    void deadLetterRecordKeepsRawBytesAndNamesTheOrigin() {
        var failure = DeadLetterRecord.Failure.malformed(new MalformedRecordException("kind", "bad"), ReportingService.MAPPER_SERVICE);
        var rec = DeadLetterRecord.of(Topics.CHANGES, 2, 41L, "k".getBytes(), "raw".getBytes(), failure);
        assertThat(rec.topic()).isEqualTo("entra.changes.v1.dlt");
        assertThat(new String(rec.value())).isEqualTo("raw");
        assertThat(DeadLetterRecord.header(rec.headers(), DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("41");
        assertThat(DeadLetterRecord.header(rec.headers(), DeadLetterHeaders.ERROR_REASON)).contains("kind");
    }
}
