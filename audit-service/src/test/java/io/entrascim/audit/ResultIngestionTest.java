package io.entrascim.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import tools.jackson.databind.JsonNode;

/** Ingestion from Kafka: stored once however often delivered, malformed records kept and audited, markers stored. */
class ResultIngestionTest extends AuditServiceTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void storesAResultDeliveredTwiceOnce() {
        String job = "job-ingest-" + UUID.randomUUID();
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        ProvisioningResult r = Results.success(UUID.randomUUID().toString(), job, "cyc-1", "chg-" + UUID.randomUUID(), at,
                ProvisioningAction.CREATE, "obj-1", "ada@contoso.test");
        ProvisioningResult other = Results.success(UUID.randomUUID().toString(), job, "cyc-1", "chg-" + UUID.randomUUID(), at,
                ProvisioningAction.UPDATE, "obj-2", "bob@contoso.test");
        byte[] bytes = RecordCodec.write(r);
        publish(Topics.RESULTS, "obj-1", bytes);
        publish(Topics.RESULTS, "obj-1", bytes);
        publish(Topics.RESULTS, "obj-2", RecordCodec.write(other));

        await().atMost(WAIT).until(() -> count("job_id = ?", job) == 2);
        // a late redelivery is absorbed too; the next result on the same key (same partition) proves it was read
        publish(Topics.RESULTS, "obj-1", bytes);
        ProvisioningResult later = Results.success(UUID.randomUUID().toString(), job, "cyc-1", "chg-x", at,
                ProvisioningAction.OTHER, "obj-1", "ada@contoso.test");
        publish(Topics.RESULTS, "obj-1", RecordCodec.write(later));
        await().atMost(WAIT).until(() -> count("job_id = ?", job) == 3);
        assertThat(count("id = ?", r.id())).isEqualTo(1);
        assertThat(jdbc.queryForObject("select raw_payload from provisioning_result where id = ?", String.class, r.id()))
                .isEqualTo(new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void stepsAndModifiedPropertiesAreQueryableAsJsonThroughTheViewOverThePayload() {
        String job = "job-view-" + UUID.randomUUID();
        ProvisioningResult r = Results.success(UUID.randomUUID().toString(), job, "cyc-1", "chg-" + UUID.randomUUID(),
                Instant.now(), ProvisioningAction.CREATE, "obj-view", "ada@contoso.test");
        publish(Topics.RESULTS, "obj-view", RecordCodec.write(r));
        await().atMost(WAIT).until(() -> count("job_id = ?", job) == 1);

        Map<String, Object> row = jdbc.queryForMap("""
                select jsonb_array_length(steps) steps, steps -> 0 ->> 'name' first_step,
                  jsonb_array_length(modified_properties) modified, result ->> 'jobId' job
                from provisioning_result_json where id = ?""", r.id());
        assertThat(row.get("steps")).isEqualTo(r.steps().size());
        assertThat(row.get("first_step")).isEqualTo(r.steps().get(0).name());
        assertThat(row.get("modified")).isEqualTo(r.modifiedProperties().size());
        assertThat(row.get("job")).isEqualTo(job);
    }

    @Test
    void keepsAMalformedResultWithRawBytesAndReasonOnTheDeadLetterTopicAndAuditsIt() {
        String key = "obj-bad-" + UUID.randomUUID();
        byte[] missingChangeId = ("{\"schemaVersion\":1,\"id\":\"" + UUID.randomUUID() + "\",\"activityDateTime\":\"2026-01-01T00:00:00Z\","
                + "\"action\":\"CREATE\",\"status\":\"SUCCESS\",\"reportedBy\":\"SCIM_SINK\",\"sourceIdentity\":{\"id\":\"x\"}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] notJson = "this is not json {".getBytes(StandardCharsets.UTF_8);

        try (Consumer<byte[], byte[]> dlt = dltConsumer()) {
            dlt.subscribe(List.of(Topics.deadLetterOf(Topics.RESULTS)));
            publish(Topics.RESULTS, key, missingChangeId);
            publish(Topics.RESULTS, key, notJson);

            await().atMost(WAIT).until(() -> jdbc.queryForObject(
                    "select count(*) from malformed_record where convert_from(record_key, 'UTF8') = ?", Long.class, key) == 2);
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "select raw_value, reason, field, topic from malformed_record where convert_from(record_key, 'UTF8') = ? order by kafka_offset",
                    key);
            assertThat(rows.get(0).get("raw_value")).isEqualTo(missingChangeId);
            assertThat((String) rows.get(0).get("reason")).contains("changeId").contains("is required");
            assertThat(rows.get(0).get("field")).isEqualTo("changeId");
            assertThat(rows.get(1).get("raw_value")).isEqualTo(notJson);
            assertThat((String) rows.get(1).get("reason")).contains("not a valid ProvisioningResult");
            assertThat(rows.get(0).get("topic")).isEqualTo(Topics.RESULTS);

            // audited as FAILURE results with error code MalformedRecord, once each despite the republished copy
            await().atMost(WAIT).until(() -> count("source_id = ? and error_code = 'MalformedRecord'", key) == 2);
            assertThat(count("source_id = ? and status = 'FAILURE' and reported_by = 'AUDIT_SERVICE'", key)).isEqualTo(2);

            List<ConsumerRecord<byte[], byte[]>> parked = new java.util.ArrayList<>();
            await().atMost(WAIT).until(() -> {
                KafkaTestUtils.getRecords(dlt, Duration.ofMillis(500)).forEach(rec -> {
                    if (key.equals(new String(rec.key(), StandardCharsets.UTF_8))) {
                        parked.add(rec);
                    }
                });
                return parked.size() >= 2;
            });
            assertThat(parked).extracting(ConsumerRecord::value).containsExactlyInAnyOrder(missingChangeId, notJson);
            assertThat(DeadLetterRecord.header(parked.get(0).headers(), DeadLetterHeaders.ERROR_CODE)).isEqualTo("MalformedRecord");
            assertThat(DeadLetterRecord.header(parked.get(0).headers(), DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(Topics.RESULTS);
        }

        JsonNode malformed = getJson("/api/malformed-records?limit=50");
        assertThat(malformed.valueStream().filter(n -> key.equals(n.path("key").asString())).count()).isEqualTo(2);
    }

    @Test
    void parksAResultTheDatabaseRefusesAndStoresTheRestOfTheBatch() {
        String job = "job-refused-" + UUID.randomUUID();
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        // PostgreSQL text cannot hold NUL: this row would fail on every redelivery
        ProvisioningResult refused = Results.success("refused-" + job, job, "cyc", "chg-refused", at,
                ProvisioningAction.CREATE, "obj-nul-" + job, "nul\u0000char@contoso.test");
        ProvisioningResult fine = Results.success("fine-" + job, job, "cyc", "chg-fine", at, ProvisioningAction.CREATE,
                "obj-nul-" + job, "fine@contoso.test");
        publish(Topics.RESULTS, "obj-nul-" + job, RecordCodec.write(refused));
        publish(Topics.RESULTS, "obj-nul-" + job, RecordCodec.write(fine));

        await().atMost(WAIT).until(() -> count("id = ?", fine.id()) == 1);
        await().atMost(WAIT).until(() -> count("source_id = ? and error_code = 'MalformedRecord'", "obj-nul-" + job) == 1);
        assertThat(count("id = ?", refused.id())).isZero();
        assertThat(jdbc.queryForObject("select reason from malformed_record where convert_from(record_key, 'UTF8') = ?",
                String.class, "obj-nul-" + job)).contains("refused by PostgreSQL");
    }

    @Test
    void storesCycleMarkersOnceAndKeepsMalformedOnes() {
        String cycle = "cyc-ingest-" + UUID.randomUUID();
        Instant started = Instant.now().minus(2, ChronoUnit.HOURS);
        CycleMarker start = new CycleMarker(CycleMarker.VERSION, cycle, CycleOrigin.INITIAL, CycleMarker.Phase.STARTED,
                started, -1, 0, 0, null);
        CycleMarker end = new CycleMarker(CycleMarker.VERSION, cycle, CycleOrigin.INITIAL, CycleMarker.Phase.COMPLETED,
                started.plusSeconds(30), 10, 10, 1, null);
        publish(Topics.CYCLES, cycle, RecordCodec.write(start));
        publish(Topics.CYCLES, cycle, RecordCodec.write(start));
        publish(Topics.CYCLES, cycle, RecordCodec.write(end));
        byte[] badMarker = ("{\"schemaVersion\":1,\"cycleId\":\"" + cycle + "\",\"origin\":\"INITIAL\",\"at\":\"2026-01-01T00:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
        publish(Topics.CYCLES, cycle, badMarker);

        await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from cycle_marker where cycle_id = ?",
                Long.class, cycle) == 2);
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from malformed_record where topic = ? and convert_from(record_key, 'UTF8') = ?",
                Long.class, Topics.CYCLES, cycle) == 1);
        assertThat(jdbc.queryForObject("select field from malformed_record where topic = ? and convert_from(record_key, 'UTF8') = ?",
                String.class, Topics.CYCLES, cycle)).isEqualTo("phase");
        await().atMost(WAIT).until(() -> count("source_id = ? and error_code = 'MalformedRecord'", cycle) == 1);
    }

    private long count(String where, Object... args) {
        return jdbc.queryForObject("select count(*) from provisioning_result where " + where, Long.class, args);
    }

    private Consumer<byte[], byte[]> dltConsumer() {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "dlt-check-" + UUID.randomUUID(), false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new DefaultKafkaConsumerFactory<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer()).createConsumer();
    }
}
