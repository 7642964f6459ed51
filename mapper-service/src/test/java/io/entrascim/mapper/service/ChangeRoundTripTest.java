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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import io.entrascim.contracts.Operation;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.ReportingService;
import io.entrascim.contracts.StepType;
import io.entrascim.contracts.Topics;

class ChangeRoundTripTest extends MapperServiceTestBase {
    private static final String DLT = Topics.deadLetterOf(Topics.CHANGES);

    @Autowired
    EmbeddedKafkaBroker broker;

    private static Consumer<byte[], byte[]> consumer;
    private static final List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
    private KafkaTemplate<byte[], byte[]> producer;

    @BeforeAll
    static void reset() {
        seen.clear();
    }

    @AfterAll
    static void close() {
        if (consumer != null) {
            consumer.close();
            consumer = null;
        }
    }

    @LocalServerPort
    int port;

    @Test
    void changeInCommandAndResultOutMalformedInDeadLetterAndFailureOutConsumerKeepsGoing() throws Exception {
        start();
        PrometheusScrape before = PrometheusScrape.of(port);
        Map<String, Object> statusBefore = status();
        ChangeEvent alice = event("ev-1", "u-1", Map.of("userPrincipalName", "alice@contoso.com", "displayName", "Alice",
                "mailNickname", "alice", "accountEnabled", true));
        send("u-1", RecordCodec.write(alice));
        byte[] garbage = "{\"schemaVersion\":1,\"eventId\":".getBytes(StandardCharsets.UTF_8);
        send("u-bad", garbage);
        Map<String, Object> failing = new HashMap<>(Map.of("userPrincipalName", "bob@contoso.com", "displayName", "Bob",
                "mailNickname", "bob", "accountEnabled", true, "jobTitle", "Engineer", "level", "senior"));
        send("u-2", RecordCodec.write(event("ev-2", "u-2", failing)));
        send("u-3", RecordCodec.write(event("ev-3", "u-3", Map.of("userPrincipalName", "carol@contoso.com",
                "displayName", "Carol", "mailNickname", "carol", "accountEnabled", true))));

        ProvisioningCommand aliceCommand = RecordCodec.read(await(Topics.COMMANDS, r -> key(r).equals("u-1")).value(), ProvisioningCommand.class);
        assertThat(aliceCommand.operation()).isEqualTo(Operation.UPSERT);
        assertThat(aliceCommand.causingEventId()).isEqualTo("ev-1");
        assertThat(aliceCommand.attribute("userName").value()).isEqualTo("alice@contoso.com");
        assertThat(aliceCommand.attribute("active").value()).isEqualTo(true);
        assertThat(aliceCommand.decisionSteps()).as("the decision travels in the command; scim-sink's result starts with it")
                .anyMatch(s -> s.type() == StepType.SCOPING);

        ConsumerRecord<byte[], byte[]> parked = await(DLT, r -> key(r).equals("u-bad"));
        assertThat(parked.value()).isEqualTo(garbage);
        assertThat(DeadLetterRecord.header(parked.headers(), DeadLetterHeaders.ERROR_CLASS)).isEqualTo("malformed");
        assertThat(DeadLetterRecord.header(parked.headers(), DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(Topics.CHANGES);
        ProvisioningResult malformed = RecordCodec.read(await(Topics.RESULTS, r -> key(r).equals("u-bad")).value(), ProvisioningResult.class);
        assertThat(malformed.status()).isEqualTo(ProvisioningStatus.FAILURE);
        assertThat(malformed.reportedBy()).isEqualTo(ReportingService.MAPPER_SERVICE);
        assertThat(malformed.error().errorCode()).isEqualTo("MalformedRecord");

        ConsumerRecord<byte[], byte[]> mappingParked = await(DLT, r -> key(r).equals("u-2"));
        assertThat(DeadLetterRecord.header(mappingParked.headers(), DeadLetterHeaders.ERROR_CODE)).isEqualTo("AttributeMappingFailed");
        assertThat(DeadLetterRecord.header(mappingParked.headers(), DeadLetterHeaders.ERROR_REASON))
                .contains("attribute 'title'").contains("Mid([jobTitle], [level], 3)");
        assertThat(RecordCodec.read(mappingParked.value(), ChangeEvent.class).eventId()).as("replayable as is").isEqualTo("ev-2");
        ProvisioningResult mappingFailure = RecordCodec.read(await(Topics.RESULTS, r -> key(r).equals("u-2")).value(), ProvisioningResult.class);
        assertThat(mappingFailure.status()).isEqualTo(ProvisioningStatus.FAILURE);
        assertThat(mappingFailure.error().reason()).contains("Mid start is not a number");

        ProvisioningCommand carol = RecordCodec.read(await(Topics.COMMANDS, r -> key(r).equals("u-3")).value(), ProvisioningCommand.class);
        assertThat(carol.causingEventId()).as("the consumer carried on after the bad records").isEqualTo("ev-3");
        assertThat(seen.stream().filter(r -> r.topic().equals(Topics.COMMANDS) && key(r).equals("u-2"))).isEmpty();

        assertThat(seen.stream().filter(r -> r.topic().equals(Topics.RESULTS) && List.of("u-1", "u-3").contains(key(r))))
                .as("a command's decision is not a result of its own").isEmpty();
        countersAndStatusMatchWhatFlowed(before, statusBefore);
    }

    /**
     * Other test classes of this context send their own records (other keys) and wait until the mapper has counted
     * them, so the counters' increase since the start of this test is exactly what the four records above caused.
     */
    private void countersAndStatusMatchWhatFlowed(PrometheusScrape before, Map<String, Object> statusBefore) throws Exception {
        Map<String, Long> resultsByActionStatus = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : seen) {
            if (r.topic().equals(Topics.RESULTS) && List.of("u-1", "u-bad", "u-2", "u-3").contains(key(r))) {
                ProvisioningResult result = RecordCodec.read(r.value(), ProvisioningResult.class);
                resultsByActionStatus.merge(result.action() + "/" + result.status(), 1L, Long::sum);
            }
        }
        assertThat(resultsByActionStatus.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);

        // The mapper counts a batch once its acks are in, which can be a moment after the outputs are readable.
        PrometheusScrape scrape = PrometheusScrape.of(port);
        for (int i = 0; i < 50 && delta(before, scrape, "pipeline_records_total", Map.of("topic", Topics.CHANGES, "direction", "in")) < 4; i++) {
            Thread.sleep(100);
            scrape = PrometheusScrape.of(port);
        }
        assertThat(delta(before, scrape, "pipeline_records_total", Map.of("topic", Topics.CHANGES, "direction", "in"))).isEqualTo(4);
        assertThat(delta(before, scrape, "pipeline_records_total", Map.of("topic", Topics.COMMANDS, "direction", "out"))).isEqualTo(2);
        assertThat(delta(before, scrape, "pipeline_records_total", Map.of("topic", Topics.RESULTS, "direction", "out"))).isEqualTo(2);
        assertThat(delta(before, scrape, "pipeline_records_total", Map.of("topic", DLT, "direction", "out"))).isEqualTo(2);
        Map<String, Long> increased = new HashMap<>();
        for (PrometheusScrape.Sample s : scrape.all("pipeline_results_total")) {
            long d = Math.round(delta(before, scrape, "pipeline_results_total", s.labels()));
            if (d > 0) {
                assertThat(s.labels()).containsEntry("service", "mapper-service");
                increased.put(s.labels().get("action") + "/" + s.labels().get("status"), d);
            }
        }
        assertThat(increased).isEqualTo(resultsByActionStatus);

        Map<String, Object> statusAfter = status();
        assertThat(statusAfter.get("service")).isEqualTo("mapper-service");
        Map<String, Long> statusIncrease = new HashMap<>();
        for (String k : List.of("consumed", "commands", "results", "malformed")) {
            statusIncrease.put(k, ((Number) statusAfter.get(k)).longValue() - ((Number) statusBefore.get(k)).longValue());
        }
        assertThat(statusIncrease).isEqualTo(Map.of("consumed", 4L, "commands", 2L, "results", 2L, "malformed", 1L));
    }

    private static double delta(PrometheusScrape before, PrometheusScrape after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> status() throws Exception {
        HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/status")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).isEqualTo(200);
        return RecordCodec.mapper().readValue(status.body(), Map.class);
    }

    private void start() {
        producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(KafkaTestUtils.producerProps(broker),
                new ByteArraySerializer(), new ByteArraySerializer()));
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "round-trip-verifier", false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new DefaultKafkaConsumerFactory<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer()).createConsumer();
        consumer.subscribe(List.of(Topics.COMMANDS, Topics.RESULTS, DLT));
    }

    private void send(String key, byte[] value) {
        producer.send(new ProducerRecord<>(Topics.CHANGES, key.getBytes(StandardCharsets.UTF_8), value)).join();
    }

    private static ConsumerRecord<byte[], byte[]> await(String topic, Predicate<ConsumerRecord<byte[], byte[]>> match) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<byte[], byte[]> r : seen) {
                if (r.topic().equals(topic) && match.test(r)) {
                    return r;
                }
            }
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        throw new AssertionError("no matching record on " + topic + " within 60 s; saw " + seen.size() + " records");
    }

    private static String key(ConsumerRecord<byte[], byte[]> r) {
        return r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
    }

    private static ChangeEvent event(String eventId, String objectId, Map<String, Object> attributes) {
        return new ChangeEvent(ChangeEvent.VERSION, eventId, "cycle-7", CycleOrigin.INCREMENTAL, Instant.now(), ObjectType.USER,
                objectId, ChangeKind.UPSERT, attributes, AssignmentFacts.assigned(List.of(
                new AppRoleAssignmentFact("as-" + objectId, "00000000-0000-0000-0000-000000000000", null, null, objectId, "User"))),
                List.of());
    }
}
