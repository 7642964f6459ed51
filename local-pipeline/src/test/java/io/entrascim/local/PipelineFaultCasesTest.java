package io.entrascim.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import io.entrascim.contracts.Topics;
import io.entrascim.local.bench.Malformed;
import io.entrascim.local.bench.TopicTool;
import io.entrascim.testkit.fastscim.FastScimTarget;
import io.entrascim.testkit.fastscim.TargetFaults;
import io.entrascim.testkit.graph.TenantSeed;
import tools.jackson.databind.JsonNode;

/**
 * Fault cases of issue 8 that run in seconds, on the real services (separate JVMs) and the fast SCIM target: every
 * command delivered twice, hostile attribute values, a short 429/503/slow storm from the target, and malformed records
 * on every consumed topic (the slow suite, {@code bin/fault-suite}, runs the long versions mid initial cycle). Each ends with an exact comparison of the target's whole state
 * with the expected one and a look at the audit log.
 */
class PipelineFaultCasesTest {

    private static final String HOSTILE = "Zoë \"Quote\" O'Brien \\ back\\slash\nnew line 👩‍💻🚀 שָׁלוֹם مرحبا \u202Eevil\u202C";

    private static EmbeddedKafkaKraftBroker kafka;
    private static LocalStack stack;
    private static FastScimTarget target;
    private static Path data;
    /** userName -> displayName, and group displayName -> member userNames: what the target must hold */
    private static final Map<String, String> users = new LinkedHashMap<>();
    private static final Map<String, Set<String>> groups = new LinkedHashMap<>();
    private static final Map<String, String> idByUpn = new HashMap<>();

    @BeforeAll
    static void startPipeline() throws Exception {
        kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.afterPropertiesSet();
        Path root = Path.of(System.getProperty("pipeline.root", "..")).toAbsolutePath().normalize();
        data = Files.createTempDirectory("fault-cases");
        LocalStackOptions options = new LocalStackOptions(root, data, true, 0, 0,
                kafka.getBrokersAsString(), null, null, Duration.ofSeconds(30), Ports.free(), LocalStackOptions.TargetKind.FAST);
        Map<String, Map<String, String>> props = Map.of(
                "source-connector", Map.of("source.sync-scope", "all"),
                "mapper-service", Map.of("mapper.assignment-scope", "all"),
                "scim-sink", Map.of("sink.rate-limit", "100000", "sink.create-first", "true"));
        stack = LocalStack.start(options, new LocalStack.Tuning(TenantSeed.empty(), tenant -> {
            for (int i = 0; i < 12; i++) {
                String upn = "plain" + i + "@contoso.example";
                String name = i % 3 == 0 ? HOSTILE + " #" + i : "Plain User " + i;
                idByUpn.put(upn, tenant.createUser(Map.of("userPrincipalName", upn, "displayName", name,
                        "mailNickname", "plain" + i, "accountEnabled", true)));
                users.put(upn, name);
            }
            String odd = "o'brien.zoë@contoso.example";
            idByUpn.put(odd, tenant.createUser(Map.of("userPrincipalName", odd, "displayName", HOSTILE,
                    "mailNickname", "obrien", "accountEnabled", true)));
            users.put(odd, HOSTILE);
            for (String g : List.of("Staff \"core\" \\ ✓", "עובדים 👥")) {
                String gid = tenant.createGroup(g);
                Set<String> members = new LinkedHashSet<>();
                for (String upn : users.keySet()) {
                    if (members.size() < 5 + groups.size() * 3) {
                        tenant.addMember(gid, idByUpn.get(upn));
                        members.add(upn);
                    }
                }
                groups.put(g, members);
            }
        }, props, 3), System.out);
        target = stack.fastTarget();
        awaitExactState();
    }

    @AfterAll
    static void stopPipeline() {
        if (stack != null) {
            stack.close();
        }
        if (kafka != null) {
            kafka.destroy();
        }
        LocalStack.deleteQuietly(data);
    }

    @Test
    void hostileValuesReachTheTargetByteExactAndAreAudited() {
        assertThat(target.userByUserName("o'brien.zoë@contoso.example")).get()
                .satisfies(u -> assertThat(u.path("displayName").asString()).isEqualTo(HOSTILE));
        assertThat(differences()).isEmpty();

        String upn = "plain1@contoso.example";
        String renamed = "Renamed \"again\" \\\\ \n\t 🧪 ‏עברית‏ end";
        stack.tenant().updateUser(idByUpn.get(upn), Map.of("displayName", renamed));
        users.put(upn, renamed);
        SourceControl.triggerCycle(stack.service("source-connector").baseUrl());
        awaitExactState();

        JsonNode created = auditEntry(idByUpn.get("o'brien.zoë@contoso.example"), "CREATE");
        assertThat(created.path("status").asString()).isEqualToIgnoringCase("SUCCESS");
        assertThat(created.path("targetIdentity").path("id").asString())
                .isEqualTo(target.userByUserName("o'brien.zoë@contoso.example").orElseThrow().path("id").asString());
        assertThat(auditEntry(idByUpn.get(upn), "UPDATE").path("status").asString()).isEqualToIgnoringCase("SUCCESS");
    }

    @Test
    void everyCommandDeliveredTwiceLeavesNoDuplicatesAndOneCreatePerObject() throws Exception {
        long usersBefore = target.userCount();
        int redelivered = redeliverAllCommands();
        assertThat(redelivered).isGreaterThanOrEqualTo(users.size() + groups.size());
        awaitSinkCaughtUp();

        assertThat(target.userCount()).isEqualTo(usersBefore);
        assertThat(differences()).isEmpty();
        for (String upn : users.keySet()) {
            List<JsonNode> creates = auditEntries(idByUpn.get(upn), "CREATE");
            assertThat(creates).as("audited creates of " + upn).hasSize(1);
            assertThat(creates.get(0).path("status").asString()).isEqualToIgnoringCase("SUCCESS");
        }
        assertThat(failuresOtherThanMalformed()).isEmpty();
    }

    @Test
    void aThrottlingStormThenAnOutageThenSlowAnswersDeadLetterNothingAndEndExact() throws Exception {
        // the slow suite's target-storm in short: 429 + Retry-After, then 503, then slow answers, 3 s each
        Duration phase = Duration.ofSeconds(3);
        target.faults().between(Duration.ZERO, phase, TargetFaults.Fault.status(429, Duration.ofSeconds(1)))
                .between(phase, phase, TargetFaults.Fault.status(503, null))
                .between(phase.multipliedBy(2), phase, TargetFaults.Fault.slow(Duration.ofMillis(100), Duration.ofMillis(300)));
        for (int i : new int[] {2, 4, 5}) {
            rename("plain" + i + "@contoso.example", "Storm rename " + i + " ✓");
        }
        SourceControl.triggerCycle(stack.service("source-connector").baseUrl());
        sleep(4000); // in the 503 phase
        rename("plain7@contoso.example", "Storm rename 7 during the outage");
        SourceControl.triggerCycle(stack.service("source-connector").baseUrl());
        while (target.faults().pending()) {
            sleep(200);
        }
        awaitExactState();

        assertThat(target.faults().statusAnswers() + target.faults().slowAnswers()).as("requests that met the storm").isPositive();
        assertThat(new TopicTool(stack.kafkaBootstrap()).size(Topics.deadLetterOf(Topics.COMMANDS))).isZero();
        assertThat(failuresOtherThanMalformed()).isEmpty();
    }

    @Test
    void malformedRecordsOnEveryConsumedTopicAreParkedAuditedAndTheFlowGoesOn() throws Exception {
        Malformed malformed = new Malformed(new TopicTool(stack.kafkaBootstrap()));
        malformed.produceAll();
        rename("plain10@contoso.example", "After the malformed records");
        SourceControl.triggerCycle(stack.service("source-connector").baseUrl());

        assertThat(malformed.parkedWithHeaders()).isEmpty();
        assertThat(malformed.audited(BenchmarkStack.of(stack))).isEmpty();
        awaitExactState();
    }

    // ---------------------------------------------------------------- helpers

    private static void rename(String upn, String name) {
        stack.tenant().updateUser(idByUpn.get(upn), Map.of("displayName", name));
        users.put(upn, name);
    }

    /** FAILURE results grouped by error code, except the malformed records one test produces on purpose. */
    private static List<String> failuresOtherThanMalformed() {
        JsonNode groups = new AuditProbe(stack.service("audit-service").baseUrl(), stack.auditReaderToken()).failureGroups();
        assertThat(groups).as("audit-service GET /api/summary/failures").isNotNull();
        List<String> other = new ArrayList<>();
        for (JsonNode g : groups) {
            if (!"MalformedRecord".equals(g.path("errorCode").asString(null))) {
                other.add(g.toString());
            }
        }
        return other;
    }

    private static List<String> differences() {
        FastScimTarget.Snapshot s = target.snapshot();
        List<String> diffs = new ArrayList<>();
        users.forEach((upn, name) -> {
            JsonNode u = s.users().get(upn);
            if (u == null) {
                diffs.add("missing user " + upn);
            } else if (!name.equals(u.path("displayName").asString(null))) {
                diffs.add("user " + upn + " displayName differs: " + u.path("displayName"));
            }
        });
        s.users().keySet().stream().filter(k -> !users.containsKey(k)).forEach(k -> diffs.add("extra user " + k));
        groups.forEach((g, members) -> {
            if (!members.equals(s.memberNames().get(g))) {
                diffs.add("group " + g + " members " + s.memberNames().get(g) + " != " + members);
            }
        });
        s.groups().keySet().stream().filter(k -> !groups.containsKey(k)).forEach(k -> diffs.add("extra group " + k));
        return diffs;
    }

    private static void awaitExactState() {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<String> diffs = differences();
        while (!diffs.isEmpty() && System.nanoTime() < deadline) {
            sleep(200);
            diffs = differences();
        }
        assertThat(diffs).as("target state vs expected; logs " + stack.services().values().stream().map(ServiceProcess::log).toList())
                .isEmpty();
    }

    /** Reads every record on scim.commands.v1 and publishes it again, same key, value and headers. */
    private static int redeliverAllCommands() {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "fault-redeliver-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(Topics.COMMANDS));
            long quietSince = System.currentTimeMillis();
            while (System.currentTimeMillis() - quietSince < 3000) {
                var batch = consumer.poll(Duration.ofMillis(300));
                if (!batch.isEmpty()) {
                    batch.forEach(all::add);
                    quietSince = System.currentTimeMillis();
                }
            }
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (ConsumerRecord<byte[], byte[]> r : all) {
                producer.send(new ProducerRecord<>(Topics.COMMANDS, null, r.key(), r.value(), r.headers()));
            }
            producer.flush();
        }
        return all.size();
    }

    /** Waits until the sink's consumer group has committed everything on its topic, and the audit a little after. */
    private static void awaitSinkCaughtUp() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                if (lag(admin, "scim-sink", Topics.COMMANDS) == 0 && lag(admin, "audit-service", Topics.RESULTS) == 0) {
                    return;
                }
                sleep(250);
            }
            throw new AssertionError("scim-sink / audit-service did not catch up within 90 s");
        }
    }

    private static long lag(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        long lag = 0;
        for (var e : admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS).entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += e.getValue().offset() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    private static List<JsonNode> auditEntries(String sourceId, String action) {
        JsonNode page = new AuditProbe(stack.service("audit-service").baseUrl(), stack.auditReaderToken()).entriesFor(sourceId);
        List<JsonNode> found = new ArrayList<>();
        if (page != null) {
            for (JsonNode e : page.path("items")) {
                if (e.path("reportedBy").asString().equalsIgnoreCase("SCIM_SINK") && e.path("action").asString().equalsIgnoreCase(action)) {
                    found.add(e);
                }
            }
        }
        return found;
    }

    private static JsonNode auditEntry(String sourceId, String action) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonNode> found = auditEntries(sourceId, action);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            sleep(200);
        }
        throw new AssertionError("no SCIM_SINK " + action + " entry for " + sourceId + " in the audit log within 30 s");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
