package io.entrascim.sink;

import io.entrascim.contracts.AttributeFlow;
import io.entrascim.contracts.CycleOrigin;
import io.entrascim.contracts.MatchingAttribute;
import io.entrascim.contracts.ObjectType;
import io.entrascim.contracts.Operation;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.TargetAttribute;
import io.entrascim.contracts.Topics;
import io.entrascim.testkit.scim.ScimTarget;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * One Spring context, one embedded KRaft broker, one embedded PostgreSQL and one real SCIM target
 * (over HTTP) for every test class: all test classes extend this with the same configuration.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "spring.kafka.consumer.auto-offset-reset=earliest",
        "sink.rate-limit=2000",
        "sink.retry.max-attempts=4",
        "sink.retry.max-throttled=5",
        "sink.retry.initial-backoff=20ms",
        "sink.retry.max-backoff=100ms",
        "sink.retry.max-retry-after=2s",
        "sink.breaker.window=4",
        "sink.breaker.open-for=1s",
        "sink.scim.read-timeout=2s",
        "sink.member-chunk-size=3",
        "sink.send-retry-interval=100ms",
        "sink.deletion-guard.threshold=10",
        "sink.quarantine.sustained-outage=4s",
        "sink.quarantine.retry-schedule=2s,30s",
        "sink.quarantine.minimum-calls=100000",
        "spring.mail.host=127.0.0.1",
        "sink.notifications.recipients=ops@example.com,iam-team@example.com",
        "sink.notifications.from=scim-sink@example.com",
        "sink.notifications.digest-interval=2s",
        "sink.notifications.examples=20",
        "sink.health.target-check-interval=1s",
        "sink.health.target-timeout=2s",
        "logging.level.org.apache.kafka=WARN",
        "logging.level.kafka=WARN",
        "logging.level.org.apache.kafka.clients.consumer=ERROR"
})
@Import(FlakySends.class)
@EmbeddedKafka(partitions = 2, topics = {Topics.COMMANDS, "scim.commands.v1.dlt", Topics.RESULTS})
public abstract class SinkTestBase {

    protected static final ScimTarget TARGET = ScimTarget.start(0);
    private static final EmbeddedPostgres PG = startPostgres();
    /** In-process SMTP server (real protocol) receiving the notification e-mail. */
    protected static final GreenMail SMTP = startSmtp();
    protected static final List<ConsumerRecord<byte[], byte[]>> RESULTS = new CopyOnWriteArrayList<>();
    protected static final List<ConsumerRecord<byte[], byte[]>> DEAD_LETTERS = new CopyOnWriteArrayList<>();
    protected static final List<ConsumerRecord<byte[], byte[]>> COMMANDS = new CopyOnWriteArrayList<>();
    private static volatile Thread collector;

    @Autowired
    protected KafkaTemplate<byte[], byte[]> sinkKafkaTemplate;
    @Autowired
    protected EmbeddedKafkaBroker broker;

    private static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GreenMail startSmtp() {
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        return mail;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", () -> PG.getJdbcUrl("postgres", "postgres"));
        r.add("spring.datasource.username", () -> "postgres");
        r.add("spring.datasource.password", () -> "");
        r.add("sink.scim.base-url", TARGET::baseUrl);
        r.add("sink.scim.token", TARGET::token);
        r.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @BeforeEach
    void startCollector() {
        TARGET.faults().clear();
        synchronized (SinkTestBase.class) {
            if (collector != null) {
                return;
            }
            Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "sink-test-collector", false);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(List.of(Topics.RESULTS, Topics.deadLetterOf(Topics.COMMANDS), Topics.COMMANDS));
            collector = new Thread(() -> {
                while (true) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        (r.topic().equals(Topics.RESULTS) ? RESULTS : r.topic().equals(Topics.COMMANDS) ? COMMANDS : DEAD_LETTERS).add(r);
                    }
                }
            }, "test-collector");
            collector.setDaemon(true);
            collector.start();
        }
    }

    // ---- commands -------------------------------------------------------------------------------

    protected static String newId() {
        return UUID.randomUUID().toString();
    }

    protected static ProvisioningCommand user(String sourceId, Operation op, String userName, Map<String, Object> attributes) {
        List<TargetAttribute> attrs = new ArrayList<>();
        if (userName != null) {
            attrs.add(new TargetAttribute("userName", userName, AttributeFlow.ALWAYS, false));
        }
        attributes.forEach((k, v) -> attrs.add(new TargetAttribute(k, v, AttributeFlow.ALWAYS, false)));
        List<MatchingAttribute> matching = userName == null ? List.of() : List.of(new MatchingAttribute("userName", userName, 1));
        return command(sourceId, ObjectType.USER, op, attrs, matching, List.of());
    }

    protected static ProvisioningCommand group(String sourceId, Operation op, String displayName, List<String> members) {
        List<TargetAttribute> attrs = displayName == null || op != Operation.UPSERT ? List.of()
                : List.of(new TargetAttribute("displayName", displayName, AttributeFlow.ALWAYS, false),
                new TargetAttribute("externalId", sourceId, AttributeFlow.ALWAYS, false));
        List<MatchingAttribute> matching = displayName == null ? List.of() : List.of(new MatchingAttribute("displayName", displayName, 1));
        return command(sourceId, ObjectType.GROUP, op, attrs, matching, members);
    }

    protected static ProvisioningCommand command(String sourceId, ObjectType type, Operation op, List<TargetAttribute> attrs,
                                                 List<MatchingAttribute> matching, List<String> members) {
        return new ProvisioningCommand(ProvisioningCommand.VERSION, newId(), newId(), "cycle-1", CycleOrigin.INCREMENTAL,
                type, sourceId, "display " + sourceId, op, attrs, matching, members, Instant.now(), null);
    }

    protected void send(ProvisioningCommand c) {
        sendRaw(c.sourceObjectId(), RecordCodec.write(c));
    }

    protected void sendRaw(String key, byte[] value) {
        sinkKafkaTemplate.send(new ProducerRecord<>(Topics.COMMANDS, key.getBytes(StandardCharsets.UTF_8), value)).join();
    }

    // ---- results --------------------------------------------------------------------------------

    protected static List<ProvisioningResult> results(Predicate<ProvisioningResult> p) {
        return RESULTS.stream().map(r -> RecordCodec.read(r.value(), ProvisioningResult.class)).filter(p).toList();
    }

    protected static ProvisioningResult awaitResult(Predicate<ProvisioningResult> p) {
        return awaitResult(p, Duration.ofSeconds(30));
    }

    protected static ProvisioningResult awaitResult(Predicate<ProvisioningResult> p, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> !results(p).isEmpty());
        return results(p).get(0);
    }

    protected static ProvisioningResult awaitResultFor(ProvisioningCommand c) {
        return awaitResult(r -> r.changeId().equals(c.causingEventId()) && "main".equals(mainKey(r, c)));
    }

    private static String mainKey(ProvisioningResult r, ProvisioningCommand c) {
        return r.sourceIdentity().id().equals(c.sourceObjectId()) ? "main" : "other";
    }

    protected static List<ConsumerRecord<byte[], byte[]>> deadLettersFor(String sourceId) {
        return DEAD_LETTERS.stream().filter(r -> r.key() != null
                && new String(r.key(), StandardCharsets.UTF_8).equals(sourceId)).toList();
    }
}
