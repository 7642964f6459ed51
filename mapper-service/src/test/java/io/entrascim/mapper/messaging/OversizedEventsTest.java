package io.entrascim.mapper.messaging;

import io.entrascim.contracts.RecordSizeLimit;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.entrascim.contracts.ChangeKind;
import io.entrascim.contracts.DeadLetterHeaders;
import io.entrascim.contracts.DeadLetterRecord;
import io.entrascim.contracts.MemberChange;
import io.entrascim.contracts.ObjectType;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.Topics;
import io.entrascim.mapper.mapping.ChangeMapper;
import io.entrascim.mapper.mapping.Events;
import io.entrascim.mapper.mapping.MapperOptions;
import io.entrascim.mapper.schema.SchemaLoader;
import io.entrascim.mapper.scoping.AssignmentScope;
import io.entrascim.mapper.scoping.ScopingEngine;

/** Outputs over the producer's limit: the event is parked whole, and a dead letter always fits. */
class OversizedEventsTest {
    private static final String DLT = Topics.deadLetterOf(Topics.CHANGES);
    private static final int LIMIT = 8192;

    private final ChangeRecordHandler handler = new ChangeRecordHandler(new ChangeMapper(
            SchemaLoader.parse("""
                    users:
                      mappings:
                        - {target: userName, source: "[userPrincipalName]", matching: 1}
                        - {target: title, source: "[jobTitle]"}
                    groups:
                      mappings:
                        - {target: displayName, source: "[displayName]", matching: 1}
                        - {target: members, source: "[members]"}
                    """, "test"),
            new ScopingEngine(AssignmentScope.ASSIGNED), new MapperOptions("job", false),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)), "job");
    private final OversizedEvents oversized = new OversizedEvents(new RecordSizeLimit(LIMIT), "job");

    @Test
    void anEventWhoseOutputsFitIsSentAsMapped() {
        InputRecord in = input(RecordCodec.write(Events.user("ev-1", ChangeKind.UPSERT, Events.alice(), Events.ASSIGNED)));
        ChangeRecordHandler.Output mapped = handler.handle(in);
        assertThat(oversized.guard(in, mapped)).isSameAs(mapped);
    }

    @Test
    void aCommandOverTheLimitWithItsDecisionParksTheWholeEvent() {
        // The command shows the value twice (the attribute, and its mapping step among the decision steps it carries):
        // 5,000 characters fit the limit once, not twice.
        Map<String, Object> attrs = new HashMap<>(Events.alice());
        attrs.put("jobTitle", "x".repeat(5_000));
        byte[] value = RecordCodec.write(Events.user("ev-2", ChangeKind.UPSERT, attrs, Events.ASSIGNED));
        InputRecord in = input(value);

        ChangeRecordHandler.Output out = oversized.guard(in, handler.handle(in));

        assertThat(out.records()).extracting(ProducerRecord::topic).containsExactly(DLT, Topics.RESULTS);
        ProducerRecord<byte[], byte[]> parked = out.records().get(0);
        assertThat(parked.value()).as("replayable as is").isEqualTo(value);
        assertThat(DeadLetterRecord.header(parked.headers(), DeadLetterHeaders.ERROR_REASON))
                .startsWith("the scim.commands.v1 record of ")
                .contains("exceeds the producer's max.request.size of 8,192 bytes; largest attribute: title (5,002 bytes)")
                .doesNotContain("xxxx");
        assertThat(DeadLetterRecord.header(parked.headers(), RecordSizeLimit.TRUNCATED_HEADER)).isNull();
        assertThat(out.results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ProvisioningStatus.FAILURE);
            assertThat(r.changeId()).isEqualTo("ev-2");
            assertThat(r.error().errorCode()).isEqualTo("RecordTooLarge");
        });
        assertThat(out.records()).allSatisfy(r -> assertThat(new RecordSizeLimit(LIMIT).fits(r)).isTrue());
    }

    @Test
    void aGroupWithTooManyMemberChangesNamesItsMembers() {
        List<MemberChange> members = java.util.stream.IntStream.range(0, 400)
                .mapToObj(i -> new MemberChange(String.format("%036d", i), ObjectType.USER, false)).toList();
        InputRecord in = input(RecordCodec.write(Events.group("ev-3", ChangeKind.UPSERT, Map.of("displayName", "Sales"), members)));

        ChangeRecordHandler.Output out = oversized.guard(in, handler.handle(in));

        assertThat(out.records()).extracting(ProducerRecord::topic).containsExactly(DLT, Topics.RESULTS);
        assertThat(out.results().get(0).error().reason()).contains("largest attribute: members (400 ids)");
    }

    @Test
    void aMalformedRecordTooLargeToDeadLetterIsCutToFitAndSaysSo() {
        byte[] garbage = ("{\"schemaVersion\":1,\"eventId\":\"" + "y".repeat(20_000)).getBytes(StandardCharsets.UTF_8);
        InputRecord in = input(garbage);

        ChangeRecordHandler.Output out = oversized.guard(in, handler.handle(in));

        assertThat(out.malformed()).isTrue();
        ProducerRecord<byte[], byte[]> parked = out.records().get(0);
        assertThat(parked.topic()).isEqualTo(DLT);
        assertThat(new RecordSizeLimit(LIMIT).fits(parked)).isTrue();
        assertThat(parked.value()).isEqualTo(Arrays.copyOf(garbage, parked.value().length));
        assertThat(DeadLetterRecord.header(parked.headers(), RecordSizeLimit.TRUNCATED_HEADER))
                .isEqualTo(parked.value().length + " of " + garbage.length + " bytes");
        assertThat(DeadLetterRecord.header(parked.headers(), DeadLetterHeaders.ERROR_CLASS)).isEqualTo("malformed");
        assertThat(DeadLetterRecord.header(parked.headers(), DeadLetterHeaders.ERROR_REASON))
                .contains("cut to its first bytes that fit").contains(Topics.CHANGES + "-0@5");
    }

    @Test
    void theLimitIsTheSmallerOfMaxRequestSizeAndBufferMemoryAsConfigured() {
        assertThat(RecordSizeLimit.of(Map.of()).maxBytes()).isEqualTo(1_048_576);
        assertThat(RecordSizeLimit.of(Map.of("max.request.size", "65536")).maxBytes()).isEqualTo(65_536);
        assertThat(RecordSizeLimit.of(Map.of("max.request.size", 2_000_000, "buffer.memory", 1_000_000L)).maxBytes()).isEqualTo(1_000_000);
    }

    private static InputRecord input(byte[] value) {
        return new InputRecord(Topics.CHANGES, 0, 5, "u-1".getBytes(StandardCharsets.UTF_8), value);
    }
}
