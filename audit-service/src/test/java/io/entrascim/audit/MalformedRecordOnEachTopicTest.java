package io.entrascim.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.entrascim.contracts.CycleMarker;
import io.entrascim.contracts.CycleOrigin;
import io.entrascim.contracts.DeadLetterHeaders;
import io.entrascim.contracts.DeadLetterRecord;
import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/**
 * On each topic the audit consumes, a malformed record is parked on the topic's dead-letter topic and audited while
 * the next record on the same key (same partition, so strictly after it) is still stored.
 */
class MalformedRecordOnEachTopicTest extends AuditServiceTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aMalformedResultIsParkedAndAuditedWhileTheNextResultFlows() {
        String key = "obj-each-" + UUID.randomUUID();
        byte[] bad = "{\"schemaVersion\":1,\"id\":42".getBytes(StandardCharsets.UTF_8);
        ProvisioningResult next = Results.success(UUID.randomUUID().toString(), "job-each", "cyc-each", "chg-" + key,
                Instant.now().minus(1, ChronoUnit.HOURS), ProvisioningAction.UPDATE, key, "next@contoso.test");
        try (Consumer<byte[], byte[]> dlt = dltConsumer(Topics.deadLetterOf(Topics.RESULTS))) {
            publish(Topics.RESULTS, key, bad);
            publish(Topics.RESULTS, key, RecordCodec.write(next));

            await().atMost(WAIT).until(() -> count("id = ?", next.id()) == 1);
            await().atMost(WAIT).until(() -> count("source_id = ? and error_code = 'MalformedRecord' and status = 'FAILURE'", key) == 1);
            assertParked(dlt, key, bad, Topics.RESULTS);
        }
    }

    @Test
    void aMalformedCycleMarkerIsParkedAndAuditedWhileTheNextMarkerFlows() {
        String cycle = "cyc-each-" + UUID.randomUUID();
        byte[] bad = ("{\"schemaVersion\":1,\"cycleId\":\"" + cycle + "\",\"origin\":\"NOT_AN_ORIGIN\"}")
                .getBytes(StandardCharsets.UTF_8);
        CycleMarker next = new CycleMarker(CycleMarker.VERSION, cycle, CycleOrigin.INCREMENTAL, CycleMarker.Phase.STARTED,
                Instant.now().minus(3, ChronoUnit.HOURS), -1, 0, 0, null);
        try (Consumer<byte[], byte[]> dlt = dltConsumer(Topics.deadLetterOf(Topics.CYCLES))) {
            publish(Topics.CYCLES, cycle, bad);
            publish(Topics.CYCLES, cycle, RecordCodec.write(next));

            await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from cycle_marker where cycle_id = ?",
                    Long.class, cycle) == 1);
            await().atMost(WAIT).until(() -> count("source_id = ? and error_code = 'MalformedRecord' and status = 'FAILURE'", cycle) == 1);
            assertParked(dlt, cycle, bad, Topics.CYCLES);
        }
    }

    private static void assertParked(Consumer<byte[], byte[]> dlt, String key, byte[] raw, String originalTopic) {
        List<ConsumerRecord<byte[], byte[]>> parked = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            KafkaTestUtils.getRecords(dlt, Duration.ofMillis(500)).forEach(rec -> {
                if (rec.key() != null && key.equals(new String(rec.key(), StandardCharsets.UTF_8))) {
                    parked.add(rec);
                }
            });
            return !parked.isEmpty();
        });
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).value()).isEqualTo(raw);
        assertThat(DeadLetterRecord.header(parked.get(0).headers(), DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(originalTopic);
        assertThat(DeadLetterRecord.header(parked.get(0).headers(), DeadLetterHeaders.ERROR_CODE)).isEqualTo("MalformedRecord");
    }

    private long count(String where, Object... args) {
        return jdbc.queryForObject("select count(*) from provisioning_result where " + where, Long.class, args);
    }

    private Consumer<byte[], byte[]> dltConsumer(String topic) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "dlt-each-" + UUID.randomUUID(), false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Consumer<byte[], byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer()).createConsumer();
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
