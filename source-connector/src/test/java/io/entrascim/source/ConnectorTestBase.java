package io.entrascim.source;

import io.entrascim.contracts.ChangeEvent;
import io.entrascim.contracts.CycleMarker;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.Topics;
import io.entrascim.testkit.graph.DemoTenant;
import io.entrascim.testkit.graph.TenantSeed;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One Spring context and one embedded KRaft broker for every test class of the module. The context's own engine
 * reads {@link #TENANT}; tests that need a pristine tenant build a plain {@link SyncEngine} over their own
 * {@link DemoTenant} and the shared broker, and filter events by the cycle ids their engine reported.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "source.poll-enabled=false",
        "source.graph.max-attempts=3",
        "source.graph.initial-backoff=50ms",
        "source.graph.max-backoff=2s",
        "source.progress-every-pages=1"})
@EmbeddedKafka(partitions = 1, topics = {Topics.CHANGES, Topics.CYCLES})
abstract class ConnectorTestBase {

    static final DemoTenant TENANT = DemoTenant.start(0, TenantSeed.empty().withUsers(30).withGroups(4)
            .withMemberships(40).withAssignedGroups(1).withAssignedUsers(2).withPageSize(8).withRandomSeed(1));

    @DynamicPropertySource
    static void graph(DynamicPropertyRegistry r) {
        r.add("source.graph.base-url", TENANT::graphUrl);
        r.add("source.graph.token-url", TENANT::tokenUrl);
        r.add("source.graph.tenant-id", TENANT::tenantId);
        r.add("source.graph.client-id", TENANT::clientId);
        r.add("source.graph.client-secret", TENANT::clientSecret);
        r.add("source.service-principal-id", TENANT::servicePrincipalId);
    }

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    KafkaTemplate<byte[], byte[]> kafka;

    /** Properties for a plain engine over {@code tenant}; its own checkpoint key keeps it apart from the others. */
    static SourceProperties props(DemoTenant tenant, SourceProperties.SyncScope scope, boolean nested, boolean minimal,
                                  int maxAttempts, String checkpointKey) {
        SourceProperties.Graph g = new SourceProperties.Graph(tenant.graphUrl(), tenant.tenantId(), tenant.clientId(),
                tenant.clientSecret(), tenant.tokenUrl(), "https://graph.microsoft.com/.default",
                SourceProperties.DEFAULT_USER_ATTRIBUTES, List.of("displayName", "members"), minimal,
                Duration.ofSeconds(10), maxAttempts, Duration.ofMillis(50), Duration.ofSeconds(2),
                null);
        return new SourceProperties(g, Duration.ofSeconds(30), false, scope, tenant.servicePrincipalId(), nested,
                checkpointKey, "entra.checkpoints.v1", 1);
    }

    SyncEngine engine(SourceProperties p) {
        GraphClient graph = new GraphClient(p.graph(), new ClientCredentialsTokenSource(p.graph()));
        CheckpointStore store = new KafkaCheckpointStore(kafka, consumerProps(), p.checkpointTopic(), p.effectiveCheckpointKey());
        return new SyncEngine(p, graph, new ChangePublisher(kafka, "scim.tanium-sso"), store, Clock.systemUTC());
    }

    static String newKey() {
        return "test:" + UUID.randomUUID();
    }

    Map<String, Object> consumerProps() {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return p;
    }

    /** Every change event on the topic that belongs to one of {@code cycleIds}, in topic order. */
    List<ChangeEvent> changes(Collection<String> cycleIds) {
        List<ChangeEvent> out = new ArrayList<>();
        for (byte[] v : readAll(Topics.CHANGES)) {
            ChangeEvent e = RecordCodec.read(v, ChangeEvent.class);
            if (cycleIds.contains(e.cycleId())) {
                out.add(e);
            }
        }
        return out;
    }

    List<CycleMarker> markers(String cycleId) {
        List<CycleMarker> out = new ArrayList<>();
        for (byte[] v : readAll(Topics.CYCLES)) {
            CycleMarker m = RecordCodec.read(v, CycleMarker.class);
            if (m.cycleId().equals(cycleId)) {
                out.add(m);
            }
        }
        return out;
    }

    private List<byte[]> readAll(String topic) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            List<byte[]> out = new ArrayList<>();
            while (c.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    out.add(r.value());
                }
            }
            return out;
        }
    }
}
