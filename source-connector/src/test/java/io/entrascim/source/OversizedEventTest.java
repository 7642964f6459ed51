package io.entrascim.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrascim.contracts.ChangeEvent;
import io.entrascim.contracts.DeadLetterHeaders;
import io.entrascim.contracts.DeadLetterRecord;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.ReportingService;
import io.entrascim.contracts.Topics;
import io.entrascim.testkit.graph.DemoTenant;
import io.entrascim.testkit.graph.TenantSeed;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A user too large for Kafka must not fail every cycle at its page: its event is dead-lettered and audited as a
 * FAILURE naming the attribute, the rest of the page is published, and the checkpoint moves past it.
 */
class OversizedEventTest extends ConnectorTestBase {
    private static final int MAX_REQUEST_SIZE = 65_536;

    private DemoTenant tenant;
    private DefaultKafkaProducerFactory<byte[], byte[]> producers;

    @AfterEach
    void stop() {
        if (tenant != null) {
            tenant.close();
        }
        if (producers != null) {
            producers.destroy();
        }
    }

    @Test
    void aUserOverTheProducerLimitIsDeadLetteredAndAuditedAndTheCycleCompletesPastIt() {
        tenant = DemoTenant.start(0, TenantSeed.empty().withUsers(3).withPageSize(5).withRandomSeed(7));
        SyncEngine engine = smallLimitEngine();
        assertThat(engine.runCycle().outcome()).isEqualTo("COMPLETED");

        String huge = tenant.createUser(Map.of("userPrincipalName", "huge@demo.entrascim.io", "displayName", randomText(100_000),
                "mailNickname", "huge", "accountEnabled", true));
        String next = tenant.createUser("next@demo.entrascim.io", "Next");
        SyncEngine.CycleReport r = engine.runCycle();

        assertThat(r.outcome()).as(r.error()).isEqualTo("COMPLETED");
        List<ChangeEvent> events = changes(Set.of(r.cycleId()));
        assertThat(events).extracting(ChangeEvent::objectId).contains(next).doesNotContain(huge);

        Map<String, ConsumerRecord<byte[], byte[]>> out = parkedAndAudited(huge);
        ConsumerRecord<byte[], byte[]> parked = out.get(Topics.deadLetterOf(Topics.CHANGES));
        assertThat(header(parked, DeadLetterHeaders.ERROR_CODE)).isEqualTo("RecordTooLarge");
        assertThat(header(parked, DeadLetterHeaders.FAILED_BY)).isEqualTo("SOURCE_CONNECTOR");
        assertThat(header(parked, DeadLetterHeaders.ERROR_REASON)).contains("exceeds the producer's max.request.size of 65,536 bytes")
                .contains("largest attribute: displayName (100,002 bytes)").contains("cut to its first bytes that fit");
        assertThat(header(parked, "dlt-value-truncated")).endsWith("bytes");
        assertThat(parked.value().length).isLessThan(MAX_REQUEST_SIZE);

        ProvisioningResult failure = RecordCodec.read(out.get(Topics.RESULTS).value(), ProvisioningResult.class);
        assertThat(failure.status()).isEqualTo(ProvisioningStatus.FAILURE);
        assertThat(failure.reportedBy()).isEqualTo(ReportingService.SOURCE_CONNECTOR);
        assertThat(failure.cycleId()).isEqualTo(r.cycleId());
        assertThat(failure.sourceIdentity().id()).isEqualTo(huge);
        assertThat(failure.error().errorCode()).isEqualTo("RecordTooLarge");
        assertThat(failure.error().reason()).contains("displayName").doesNotContain(randomText(100_000).substring(0, 50));

        SyncEngine.CycleReport after = engine.runCycle();
        assertThat(after.outcome()).isEqualTo("COMPLETED");
        assertThat(after.emittedEvents()).as("the checkpoint moved past the parked user").isZero();
    }

    @Test
    void aUserTheBrokerRefusesAfterTheProducerAcceptedItIsDeadLetteredAsIsAndTheRestOfThePageIsPublished() throws Exception {
        tenant = DemoTenant.start(0, TenantSeed.empty().withUsers(3).withPageSize(5).withRandomSeed(8));
        SyncEngine engine = smallLimitEngine();
        assertThat(engine.runCycle().outcome()).isEqualTo("COMPLETED");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            ConfigResource changes = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CHANGES);
            admin.incrementalAlterConfigs(Map.of(changes, List.of(new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", "32768"), AlterConfigOp.OpType.SET)))).all().get();
            try {
                // 40 KB of random text: under the producer's 64 KiB, over the topic's 32 KiB even compressed. (The topic's
                // limit stays at least the producer's batch.size: Kafka splits a refused batch into batch.size pieces.)
                String big = tenant.createUser(Map.of("userPrincipalName", "big@demo.entrascim.io", "displayName",
                        randomText(40_000), "mailNickname", "big", "accountEnabled", true));
                String next = tenant.createUser("next2@demo.entrascim.io", "Next Two");
                SyncEngine.CycleReport r = engine.runCycle();

                assertThat(r.outcome()).as(r.error()).isEqualTo("COMPLETED");
                assertThat(changes(Set.of(r.cycleId()))).extracting(ChangeEvent::objectId).contains(next).doesNotContain(big);
                Map<String, ConsumerRecord<byte[], byte[]>> out = parkedAndAudited(big);
                ConsumerRecord<byte[], byte[]> parked = out.get(Topics.deadLetterOf(Topics.CHANGES));
                assertThat(header(parked, "dlt-value-truncated")).isNull();
                assertThat(RecordCodec.read(parked.value(), ChangeEvent.class).objectId()).as("kept whole").isEqualTo(big);
                assertThat(header(parked, DeadLetterHeaders.ERROR_REASON)).contains("was refused by Kafka: RecordTooLargeException")
                        .contains("largest attribute: displayName");
                ProvisioningResult failure = RecordCodec.read(out.get(Topics.RESULTS).value(), ProvisioningResult.class);
                assertThat(failure.status()).isEqualTo(ProvisioningStatus.FAILURE);
                assertThat(failure.cycleId()).isEqualTo(r.cycleId());
            } finally {
                admin.incrementalAlterConfigs(Map.of(changes, List.of(new AlterConfigOp(
                        new ConfigEntry("max.message.bytes", ""), AlterConfigOp.OpType.DELETE)))).all().get();
            }
        }
    }

    /**
     * The module's engine, but over a producer whose max.request.size is 64 KiB, so the oversized users stay small,
     * and whose batch.size (16 KiB) is below the topic limit the second test sets.
     */
    private SyncEngine smallLimitEngine() {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_SIZE);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 16_384);
        producers = new DefaultKafkaProducerFactory<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        KafkaTemplate<byte[], byte[]> small = new KafkaTemplate<>(producers);
        SourceProperties props = props(tenant, SourceProperties.SyncScope.ALL, false, false, 3, newKey());
        GraphClient graph = new GraphClient(props.graph(), new ClientCredentialsTokenSource(props.graph()));
        return new SyncEngine(props, graph, new ChangePublisher(small, "scim.tanium-sso"),
                new KafkaCheckpointStore(small, consumerProps(), props.checkpointTopic(), props.effectiveCheckpointKey()),
                Clock.systemUTC());
    }

    /** The one dead letter and the one result keyed {@code key}, by topic (one consumer reads both topics). */
    private Map<String, ConsumerRecord<byte[], byte[]>> parkedAndAudited(String key) {
        Map<String, List<ConsumerRecord<byte[], byte[]>>> matching = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps())) {
            List<TopicPartition> tps = List.of(new TopicPartition(Topics.deadLetterOf(Topics.CHANGES), 0),
                    new TopicPartition(Topics.RESULTS, 0));
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(key)) {
                        matching.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(r);
                    }
                }
            }
        }
        Map<String, ConsumerRecord<byte[], byte[]>> out = new HashMap<>();
        matching.forEach((topic, records) -> {
            assertThat(records).as("records keyed " + key + " on " + topic).hasSize(1);
            out.put(topic, records.get(0));
        });
        assertThat(out).as("dead letter and result of " + key).containsKeys(Topics.deadLetterOf(Topics.CHANGES), Topics.RESULTS);
        return out;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return DeadLetterRecord.header(r.headers(), name);
    }

    private static String randomText(int length) {
        Random random = new Random(length);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
