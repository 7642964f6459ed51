package io.entrascim.mapper.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.entrascim.contracts.ChangeKind;
import io.entrascim.contracts.DeadLetterHeaders;
import io.entrascim.contracts.DeadLetterRecord;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.ProvisioningStep;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.Topics;
import io.entrascim.mapper.mapping.ChangeMapper;
import io.entrascim.mapper.mapping.Events;
import io.entrascim.mapper.mapping.MapperOptions;
import io.entrascim.mapper.schema.SchemaLoader;
import io.entrascim.mapper.scoping.AssignmentScope;
import io.entrascim.mapper.scoping.ScopingEngine;

/** What one record of a batch produces, in send order; bad data never throws (the rest of the batch goes on). */
class ChangeRecordHandlerTest {
    private static final String DLT = Topics.deadLetterOf(Topics.CHANGES);

    private final ChangeRecordHandler handler = new ChangeRecordHandler(new ChangeMapper(
            SchemaLoader.parse("""
                    users:
                      mappings:
                        - {target: userName, source: "[userPrincipalName]", matching: 1}
                        - {target: title, source: "Mid([jobTitle], [level], 3)"}
                    """, "test"),
            new ScopingEngine(AssignmentScope.ASSIGNED), new MapperOptions("job", false),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)), "job");

    @Test
    void aMappedEventGivesOneCommandKeyedByTheObjectCarryingItsDecision() {
        ChangeRecordHandler.Output out = handler.handle(input(7, RecordCodec.write(Events.user("ev-1", ChangeKind.UPSERT,
                Events.alice(), Events.ASSIGNED))));
        assertThat(out.malformed()).isFalse();
        assertThat(out.records()).extracting(ProducerRecord::topic).containsExactly(Topics.COMMANDS);
        assertThat(out.records()).allSatisfy(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("u-1"));
        assertThat(out.results()).isEmpty();
        assertThat(RecordCodec.read(out.records().get(0).value(), ProvisioningCommand.class).decisionSteps())
                .extracting(ProvisioningStep::name)
                .containsExactly("EntryImport", "EntrySynchronizationScoping", "EntrySynchronizationMapping", "EntrySynchronizationUpsert");
    }

    @Test
    void aMalformedRecordIsDeadLetteredAndAuditedWithItsCoordinates() {
        byte[] garbage = "{\"schemaVersion\":1".getBytes(StandardCharsets.UTF_8);
        ChangeRecordHandler.Output out = handler.handle(input(42, garbage));
        assertThat(out.malformed()).isTrue();
        assertThat(out.records()).extracting(ProducerRecord::topic).containsExactly(DLT, Topics.RESULTS);
        ProducerRecord<byte[], byte[]> parked = out.records().get(0);
        assertThat(parked.value()).isEqualTo(garbage);
        assertThat(DeadLetterRecord.header(parked.headers(), DeadLetterHeaders.ERROR_CLASS)).isEqualTo("malformed");
        assertThat(DeadLetterRecord.header(parked.headers(), DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("42");
        assertThat(out.results()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(ProvisioningStatus.FAILURE));
    }

    @Test
    void aMappingFailureParksTheEventAsIsAndAuditsIt() {
        Map<String, Object> attrs = new HashMap<>(Events.alice());
        attrs.put("jobTitle", "Engineer");
        attrs.put("level", "senior");
        byte[] value = RecordCodec.write(Events.user("ev-2", ChangeKind.UPSERT, attrs, Events.ASSIGNED));
        ChangeRecordHandler.Output out = handler.handle(input(3, value));
        assertThat(out.malformed()).isFalse();
        assertThat(out.records()).extracting(ProducerRecord::topic).containsExactly(DLT, Topics.RESULTS);
        assertThat(out.records().get(0).value()).isEqualTo(value);
        assertThat(DeadLetterRecord.header(out.records().get(0).headers(), DeadLetterHeaders.ERROR_CODE)).isEqualTo("AttributeMappingFailed");
        assertThat(out.results()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(ProvisioningStatus.FAILURE));
    }

    private static InputRecord input(long offset, byte[] value) {
        return new InputRecord(Topics.CHANGES, 0, offset, "u-1".getBytes(StandardCharsets.UTF_8), value);
    }
}
