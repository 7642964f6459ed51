package io.entrascim.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.entrascim.audit.lag.ConsumerLagMeter;
import io.entrascim.audit.lag.LagProperties;
import io.entrascim.audit.lag.LagReport;
import io.entrascim.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.JsonNode;

/**
 * Consumer lag measured from outside the consumers: a real consumer in group mapper-service reads part of
 * entra.changes.v1 and commits; the lag endpoint and the gauge show exactly what is left.
 */
class PipelineLagTest extends AuditServiceTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void reportsEndMinusCommittedPerPartitionForAGroupThatConsumedPartOfItsTopic() {
        // 6 records on partition 0, 4 on partition 1; the group commits 2 on partition 0 and nothing on partition 1
        for (int i = 0; i < 6; i++) {
            producer().send(new ProducerRecord<>(Topics.CHANGES, 0, bytes("k" + i), bytes("change-" + i))).join();
        }
        for (int i = 0; i < 4; i++) {
            producer().send(new ProducerRecord<>(Topics.CHANGES, 1, bytes("k" + i), bytes("change-" + i))).join();
        }
        TopicPartition p0 = new TopicPartition(Topics.CHANGES, 0);
        try (Consumer<byte[], byte[]> mapper = consumer("mapper-service")) {
            mapper.assign(List.of(p0));
            mapper.seekToBeginning(List.of(p0));
            List<ConsumerRecord<byte[], byte[]>> read = new java.util.ArrayList<>();
            await().atMost(WAIT).until(() -> {
                mapper.poll(Duration.ofMillis(200)).forEach(read::add);
                return read.size() >= 2;
            });
            mapper.commitSync(Map.of(p0, new OffsetAndMetadata(2)));
        }

        JsonNode entry = await().atMost(WAIT).until(() -> entry(getJson("/api/pipeline/lag"), "mapper-service", Topics.CHANGES),
                e -> e != null && e.path("lag").asLong(-1) == 8);
        JsonNode partitions = entry.path("partitions");
        assertThat(partitions.size()).isEqualTo(2);
        assertThat(partitions.get(0).path("partition").asInt()).isZero();
        assertThat(partitions.get(0).path("committed").asLong()).isEqualTo(2);
        assertThat(partitions.get(0).path("end").asLong()).isEqualTo(6);
        assertThat(partitions.get(0).path("lag").asLong()).isEqualTo(4);
        // never committed: counted from the beginning offset
        assertThat(partitions.get(1).path("committed").isNull()).isTrue();
        assertThat(partitions.get(1).path("end").asLong()).isEqualTo(4);
        assertThat(partitions.get(1).path("lag").asLong()).isEqualTo(4);
        assertThat(entry.has("error")).isFalse();

        JsonNode report = getJson("/api/pipeline/lag");
        assertThat(report.path("measuredAt").asString()).isNotBlank();
        assertThat(report.path("groups").valueStream().map(g -> g.path("group").asString() + "/" + g.path("topic").asString()))
                .containsExactly("mapper-service/entra.changes.v1", "scim-sink/scim.commands.v1",
                        "audit-service/provisioning.results.v1", "audit-service/entra.cycles.v1");
        assertThat(entry(report, "scim-sink", Topics.COMMANDS).path("lag").asLong(-1)).isZero();

        await().atMost(WAIT).until(() -> sample(scrape(), "pipeline_consumer_lag",
                Map.of("group", "mapper-service", "topic", Topics.CHANGES)) == 8.0);
        assertThat(sample(scrape(), "pipeline_consumer_lag", Map.of("group", "scim-sink", "topic", Topics.COMMANDS)))
                .isZero();
    }

    @Test
    void theLagEndpointNeedsAReaderToken() {
        assertThat(get("/api/pipeline/lag", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/pipeline/lag", READER_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void aTopicThatDoesNotExistIsReportedAsAnErrorOnItsEntryOnly() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            ConsumerLagMeter meter = new ConsumerLagMeter(admin, List.of(new LagProperties.Target("nobody", "no.such.topic.v1"),
                    new LagProperties.Target("scim-sink", Topics.COMMANDS)), Duration.ofSeconds(10), Clock.systemUTC());
            LagReport report = meter.measure();
            assertThat(report.groups().get(0).error()).isEqualTo("topic no.such.topic.v1 does not exist");
            assertThat(report.groups().get(0).lag()).isNull();
            assertThat(report.groups().get(1).error()).isNull();
            assertThat(report.groups().get(1).lag()).isZero();
        }
    }

    private static JsonNode entry(JsonNode report, String group, String topic) {
        return report.path("groups").valueStream()
                .filter(g -> group.equals(g.path("group").asString()) && topic.equals(g.path("topic").asString()))
                .findFirst().orElse(null);
    }

    private Consumer<byte[], byte[]> consumer(String group) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, group, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new DefaultKafkaConsumerFactory<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer()).createConsumer();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
