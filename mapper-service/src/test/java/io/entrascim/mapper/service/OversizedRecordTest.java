package io.entrascim.mapper.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import io.entrascim.contracts.AppRoleAssignmentFact;
import io.entrascim.contracts.AssignmentFacts;
import io.entrascim.contracts.ChangeEvent;
import io.entrascim.contracts.ChangeKind;
import io.entrascim.contracts.CycleOrigin;
import io.entrascim.contracts.DeadLetterHeaders;
import io.entrascim.contracts.DeadLetterRecord;
import io.entrascim.contracts.ObjectType;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.Topics;

/**
 * A change whose output Kafka can never accept must not stop its partition: it is parked on the dead-letter topic and
 * audited as a FAILURE naming the attribute, and the next change on the same partition is mapped and delivered.
 * (Before, the batch was redelivered forever: the waits below are bounded so that shows as a failure, not a hang.)
 */
class OversizedRecordTest extends MapperServiceTestBase {
    private static final String DLT = Topics.deadLetterOf(Topics.CHANGES);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    EmbeddedKafkaBroker broker;

    @LocalServerPort
    int port;

    private static Consumer<byte[], byte[]> consumer;
    private static final List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
    private KafkaTemplate<byte[], byte[]> producer;

    @BeforeEach
    void start() {
        producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(KafkaTestUtils.producerProps(broker),
                new ByteArraySerializer(), new ByteArraySerializer()));
        if (consumer == null) {
            Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "oversized-verifier", false);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            consumer = new DefaultKafkaConsumerFactory<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer()).createConsumer();
            consumer.subscribe(List.of(Topics.COMMANDS, Topics.RESULTS, DLT));
        }
    }

    @AfterAll
    static void close() {
        if (consumer != null) {
            consumer.close();
            consumer = null;
        }
        seen.clear();
    }

    @Test
    void aCommandOverTheProducerLimitIsDeadLetteredCutToFitAndAuditedAndTheNextChangeOfThePartitionIsDelivered() throws Exception {
        long consumedBefore = consumed();
        // The mapping sends displayName as is: 150 KB in the source gives a command over the 128 KiB limit.
        byte[] big = RecordCodec.write(event("ev-big-1", "u-big-1", "big1@contoso.com", randomText(150_000)));
        sendTogether(new ProducerRecord<>(Topics.CHANGES, key("u-big-1"), big),
                new ProducerRecord<>(Topics.CHANGES, key("u-after-1"), RecordCodec.write(event("ev-after-1", "u-after-1",
                        "after1@contoso.com", "After One"))));

        ConsumerRecord<byte[], byte[]> parked = await(DLT, r -> key(r).equals("u-big-1"));
        assertThat(header(parked, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("permanent");
        assertThat(header(parked, DeadLetterHeaders.ERROR_CODE)).isEqualTo("RecordTooLarge");
        assertThat(header(parked, DeadLetterHeaders.ERROR_REASON))
                .contains("the scim.commands.v1 record of ").contains("exceeds the producer's max.request.size of 131,072 bytes")
                .contains("largest attribute: displayName (150,002 bytes)")
                .contains("cut to its first bytes that fit").contains(Topics.CHANGES + "-0@");
        assertThat(header(parked, DeadLetterHeaders.ORIGINAL_OFFSET)).isNotNull();
        // The input itself is over the limit: a prefix is parked, and says how much of what it keeps.
        assertThat(parked.value().length).isLessThan(MAX_REQUEST_SIZE);
        assertThat(parked.value()).isEqualTo(Arrays.copyOf(big, parked.value().length));
        assertThat(header(parked, "dlt-value-truncated")).isEqualTo(parked.value().length + " of " + big.length + " bytes");

        ProvisioningResult failure = RecordCodec.read(await(Topics.RESULTS, r -> key(r).equals("u-big-1")).value(), ProvisioningResult.class);
        assertThat(failure.status()).isEqualTo(ProvisioningStatus.FAILURE);
        assertThat(failure.changeId()).isEqualTo("ev-big-1");
        assertThat(failure.error().errorCode()).isEqualTo("RecordTooLarge");
        assertThat(failure.error().reason()).contains("largest attribute: displayName").contains("max.request.size");
        assertThat(failure.error().recommendedAction()).contains("displayName");
        assertThat(failure.steps()).anySatisfy(s -> assertThat(s.details()).containsEntry("attribute", "displayName")
                .containsEntry("maxRequestSize", "131072"));

        ProvisioningCommand after = RecordCodec.read(await(Topics.COMMANDS, r -> key(r).equals("u-after-1")).value(), ProvisioningCommand.class);
        assertThat(after.causingEventId()).isEqualTo("ev-after-1");
        assertThat(seen).as("nothing of the oversized change reached the sink or claims success")
                .noneMatch(r -> key(r).equals("u-big-1") && !r.topic().equals(DLT)
                        && !(r.topic().equals(Topics.RESULTS) && RecordCodec.read(r.value(), ProvisioningResult.class).status() == ProvisioningStatus.FAILURE));
        awaitConsumed(consumedBefore + 2);
    }

    @Test
    void aRecordTheBrokerRefusesAfterTheProducerAcceptedItIsDeadLetteredReplayableAndTheRestOfTheBatchIsDelivered() throws Exception {
        long consumedBefore = consumed();
        withTopicLimits(List.of(Topics.COMMANDS), () -> {
            // 40 KB of random text: under the producer's 128 KiB (its result, showing it twice, too), over the topic's
            // 32 KiB even compressed.
            byte[] big = RecordCodec.write(event("ev-big-2", "u-big-2", "big2@contoso.com", randomText(40_000)));
            sendTogether(new ProducerRecord<>(Topics.CHANGES, key("u-big-2"), big),
                    new ProducerRecord<>(Topics.CHANGES, key("u-after-2"), RecordCodec.write(event("ev-after-2", "u-after-2",
                            "after2@contoso.com", "After Two"))));

            ConsumerRecord<byte[], byte[]> parked = await(DLT, r -> key(r).equals("u-big-2"));
            assertThat(parked.value()).as("replayable as is").isEqualTo(big);
            assertThat(header(parked, "dlt-value-truncated")).isNull();
            assertThat(header(parked, DeadLetterHeaders.ERROR_CODE)).isEqualTo("RecordTooLarge");
            assertThat(header(parked, DeadLetterHeaders.ERROR_REASON)).contains("the scim.commands.v1 record of ")
                    .contains("was refused by Kafka: RecordTooLargeException").contains("largest attribute: displayName");

            ProvisioningResult failure = failureFor("u-big-2");
            assertThat(failure.changeId()).isEqualTo("ev-big-2");
            assertThat(failure.error().reason()).contains("displayName");

            ProvisioningCommand after = RecordCodec.read(await(Topics.COMMANDS, r -> key(r).equals("u-after-2")).value(),
                    ProvisioningCommand.class);
            assertThat(after.causingEventId()).isEqualTo("ev-after-2");
            assertThat(seen).noneMatch(r -> r.topic().equals(Topics.COMMANDS) && key(r).equals("u-big-2"));
        });
        awaitConsumed(consumedBefore + 2);
    }

    @Test
    void whenTheDeadLetterTopicRefusesTheEventTooItsHeadersAreParkedAndThePartitionMovesOn() throws Exception {
        long consumedBefore = consumed();
        withTopicLimits(List.of(Topics.COMMANDS, DLT), () -> {
            byte[] big = RecordCodec.write(event("ev-big-3", "u-big-3", "big3@contoso.com", randomText(40_001)));
            sendTogether(new ProducerRecord<>(Topics.CHANGES, key("u-big-3"), big),
                    new ProducerRecord<>(Topics.CHANGES, key("u-after-3"), RecordCodec.write(event("ev-after-3", "u-after-3",
                            "after3@contoso.com", "After Three"))));

            ConsumerRecord<byte[], byte[]> parked = await(DLT, r -> key(r).equals("u-big-3"));
            assertThat(parked.value()).isEmpty();
            assertThat(header(parked, "dlt-value-truncated")).isEqualTo("0 of " + big.length + " bytes");
            assertThat(header(parked, DeadLetterHeaders.ERROR_REASON)).contains("largest attribute: displayName")
                    .contains("the dead-letter topic refused the value itself").contains(Topics.CHANGES + "-0@");
            assertThat(failureFor("u-big-3").changeId()).isEqualTo("ev-big-3");
            assertThat(RecordCodec.read(await(Topics.COMMANDS, r -> key(r).equals("u-after-3")).value(), ProvisioningCommand.class)
                    .causingEventId()).isEqualTo("ev-after-3");
        });
        awaitConsumed(consumedBefore + 2);
    }

    /**
     * Runs {@code body} with {@code max.message.bytes} 32 KiB on these topics (at least the producer's batch.size, as
     * Kafka needs), then puts the broker default back.
     */
    private void withTopicLimits(List<String> topics, ThrowingRunnable body) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            admin.incrementalAlterConfigs(limits(topics, AlterConfigOp.OpType.SET)).all().get();
            try {
                body.run();
            } finally {
                admin.incrementalAlterConfigs(limits(topics, AlterConfigOp.OpType.DELETE)).all().get();
            }
        }
    }

    private static Map<ConfigResource, java.util.Collection<AlterConfigOp>> limits(List<String> topics, AlterConfigOp.OpType op) {
        Map<ConfigResource, java.util.Collection<AlterConfigOp>> out = new HashMap<>();
        for (String t : topics) {
            out.put(new ConfigResource(ConfigResource.Type.TOPIC, t), List.of(new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", op == AlterConfigOp.OpType.SET ? "32768" : ""), op)));
        }
        return out;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static ProvisioningResult failureFor(String key) {
        return RecordCodec.read(await(Topics.RESULTS, r -> key(r).equals(key)
                && RecordCodec.read(r.value(), ProvisioningResult.class).status() == ProvisioningStatus.FAILURE).value(),
                ProvisioningResult.class);
    }

    /** Sent without waiting in between, so the mapper most likely reads both in one batch. */
    @SafeVarargs
    private void sendTogether(ProducerRecord<byte[], byte[]>... records) {
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> r : records) {
            acks.add(producer.send(r));
        }
        CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).join();
    }

    private static ConsumerRecord<byte[], byte[]> await(String topic, Predicate<ConsumerRecord<byte[], byte[]>> match) {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<byte[], byte[]> r : seen) {
                if (r.topic().equals(topic) && match.test(r)) {
                    return r;
                }
            }
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        throw new AssertionError("no matching record on " + topic + " within " + WAIT.toSeconds() + " s: the partition is stuck");
    }

    /** Counted once a batch's acks are in: waiting for it keeps the other tests' counter deltas exact. */
    private void awaitConsumed(long atLeast) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (consumed() < atLeast) {
            assertThat(Instant.now()).as("the mapper counts the consumed records").isBefore(deadline);
            Thread.sleep(50);
        }
    }

    @SuppressWarnings("unchecked")
    private long consumed() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/status")).build(), HttpResponse.BodyHandlers.ofString());
        return ((Number) RecordCodec.mapper().readValue(r.body(), Map.class).get("consumed")).longValue();
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return DeadLetterRecord.header(r.headers(), name);
    }

    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String key(ConsumerRecord<byte[], byte[]> r) {
        return r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
    }

    /** Letters and digits from a fixed seed: incompressible enough that lz4 cannot bring them under a limit. */
    private static String randomText(int length) {
        Random random = new Random(length);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static ChangeEvent event(String eventId, String objectId, String upn, String displayName) {
        Map<String, Object> attributes = new HashMap<>(Map.of("userPrincipalName", upn, "displayName", displayName,
                "mailNickname", objectId, "accountEnabled", true));
        return new ChangeEvent(ChangeEvent.VERSION, eventId, "cycle-9", CycleOrigin.INCREMENTAL, Instant.now(), ObjectType.USER,
                objectId, ChangeKind.UPSERT, attributes, AssignmentFacts.assigned(List.of(
                new AppRoleAssignmentFact("as-" + objectId, "00000000-0000-0000-0000-000000000000", null, null, objectId, "User"))),
                List.of());
    }
}
