package io.entrascim.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import io.entrascim.contracts.Topics;
import tools.jackson.databind.JsonNode;

/**
 * The real path through all four services, each in its own JVM started from its exec jar exactly as
 * {@code bin/run-local} starts it: demo Entra tenant over HTTP (Graph delta) -> source-connector ->
 * Kafka -> mapper-service -> scim-sink -> SCIM target over HTTP, and every step in the audit log in
 * PostgreSQL. Kafka is spring-kafka-test's embedded KRaft broker; PostgreSQL is zonky's real server.
 */
class PipelineEndToEndTest {

    private static EmbeddedKafkaKraftBroker kafka;
    private static LocalStack stack;
    private static ScimProbe scim;
    private static AuditProbe audit;
    private static Path data;

    @BeforeAll
    static void startPipeline() throws Exception {
        kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.afterPropertiesSet();
        Path root = Path.of(System.getProperty("pipeline.root", "..")).toAbsolutePath().normalize();
        data = Files.createTempDirectory("e2e-pipeline");
        LocalStackOptions options = new LocalStackOptions(root, data, true, 10, 2, kafka.getBrokersAsString(), null, null,
                Duration.ofSeconds(1), Ports.free(), LocalStackOptions.TargetKind.SCIM_SDK);
        stack = LocalStack.start(options, System.out);
        scim = new ScimProbe(stack.scimBaseUrl(), stack.scimToken());
        audit = new AuditProbe(stack.service("audit-service").baseUrl(), stack.auditReaderToken());
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
    void userCreatedInTheTenantArrivesInTheScimTargetAndTheAuditLog() {
        String upn = "ada.lovelace@contoso.example";
        long start = System.nanoTime();
        String id = stack.tenant().createUser(Map.of("userPrincipalName", upn, "displayName", "Ada Lovelace",
                "mailNickname", "ada", "accountEnabled", true));
        stack.tenant().assign(id);
        SourceControl.triggerCycle(stack.service("source-connector").baseUrl());

        Map<String, Object> user = await("user in the SCIM target", () -> stack.target().userByUserName(upn));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("[e2e] created in tenant -> SCIM user exists: " + millis + " ms");
        assertThat(user).containsEntry("displayName", "Ada Lovelace").containsEntry("externalId", "ada")
                .containsEntry("active", true);

        JsonNode created = await("create in the audit log", () -> entry(id, "SCIM_SINK", "CREATE"));
        assertThat(created.path("status").asText()).isEqualToIgnoringCase("SUCCESS");
        assertThat(created.path("targetIdentity").path("id").asText()).isEqualTo(user.get("id"));
    }

    /** Embedded Tomcat leaves a base directory per start in the JVM's temporary directory: not the machine's /tmp. */
    @Test
    void eachServiceKeepsItsTemporaryFilesInItsOwnDirectoryUnderTheDataDirectory() throws Exception {
        for (String service : List.of("source-connector", "mapper-service", "scim-sink", "audit-service")) {
            try (java.util.stream.Stream<Path> files = Files.list(data.resolve("tmp").resolve(service))) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("tomcat.")).toList())
                        .as(service + "'s Tomcat base directory").singleElement().asString()
                        .startsWith("tomcat." + stack.service(service).port() + ".");
            }
        }
    }

    @Test
    void disablingTheAccountDisablesTheScimUser() {
        String upn = "grace.hopper@contoso.example";
        String id = stack.tenant().createUser(Map.of("userPrincipalName", upn, "displayName", "Grace Hopper",
                "mailNickname", "grace", "accountEnabled", true));
        stack.tenant().assign(id);
        SourceControl.triggerCycle(stack.service("source-connector").baseUrl());
        await("user in the SCIM target", () -> stack.target().userByUserName(upn));

        stack.tenant().updateUser(id, Map.of("accountEnabled", false));
        SourceControl.triggerCycle(stack.service("source-connector").baseUrl());

        await("user disabled in the SCIM target", () -> stack.target().userByUserName(upn)
                .filter(u -> Boolean.FALSE.equals(u.get("active"))));
        await("disable in the audit log", () -> entry(id, "SCIM_SINK", "DISABLE"));
    }

    @Test
    void malformedChangeEventIsParkedAndAuditedWhileTheNextChangeStillFlows() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.CHANGES, "broken-object".getBytes(StandardCharsets.UTF_8),
                    "{\"schemaVersion\":1,\"objectId\":\"broken-object\"".getBytes(StandardCharsets.UTF_8))).get();
        }
        JsonNode failure = await("malformed record in the audit log", () -> entry("broken-object", "MAPPER_SERVICE", null));
        assertThat(failure.path("status").asText()).isEqualToIgnoringCase("FAILURE");
        assertThat(failure.path("error").path("errorCode").asText()).isEqualTo("MalformedRecord");
        assertThat(deadLetters(Topics.deadLetterOf(Topics.CHANGES))).anySatisfy(r ->
                assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("broken-object"));

        String upn = "after.malformed@contoso.example";
        String id = stack.tenant().createUser(Map.of("userPrincipalName", upn, "displayName", "After Malformed",
                "mailNickname", "after", "accountEnabled", true));
        stack.tenant().assign(id);
        SourceControl.triggerCycle(stack.service("source-connector").baseUrl());
        await("user after the malformed record", () -> stack.target().userByUserName(upn));
    }

    @Test
    void operatorCliProvisionsOnDemandAndReadsTheLog() throws Exception {
        String upn = "cli.on-demand@contoso.example";
        String id = stack.tenant().createUser(Map.of("userPrincipalName", upn, "displayName", "On Demand",
                "mailNickname", "ondemand", "accountEnabled", true));
        stack.tenant().assign(id);

        CliRun provision = provisionctl("provision", upn, "--wait", "60", "-o", "json");
        assertThat(provision.exitCode()).as(provision.toString()).isZero();
        assertThat(stack.target().userByUserName(upn)).isPresent();
        // One log entry for the object and action: the sink's result starts with the mapper's decision steps. The 1 s
        // poll may create the user first; then the on-demand write finds nothing to change and says SKIPPED.
        JsonNode provisioned = io.entrascim.contracts.RecordCodec.mapper().readTree(provision.stdout());
        assertThat(provisioned.path("outcome").asText()).isIn("SUCCESS", "SKIPPED");
        assertThat(provisioned.path("results").size()).isOne();
        JsonNode result = provisioned.path("results").get(0);
        assertThat(result.path("reportedBy").asText()).as("no separate mapper decision").isEqualTo("SCIM_SINK");
        List<String> steps = new java.util.ArrayList<>();
        result.path("steps").forEach(step -> steps.add(step.path("name").asText()));
        assertThat(steps).startsWith("EntryImport", "EntrySynchronizationScoping", "EntrySynchronizationMapping",
                "EntrySynchronizationUpsert").anyMatch(name -> name.startsWith("EntryExport"));

        CliRun logs = provisionctl("logs", "--source-id", id, "-o", "json");
        assertThat(logs.exitCode()).as(logs.toString()).isZero();
        JsonNode page = io.entrascim.contracts.RecordCodec.mapper().readTree(logs.stdout());
        assertThat(page.path("items").size()).isPositive();

        CliRun status = provisionctl("status", "-o", "json");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        io.entrascim.contracts.RecordCodec.mapper().readTree(status.stdout());
    }

    @Test
    void operatorCliExitsFourWhenTheServiceIsUnreachable() throws Exception {
        CliRun logs = provisionctl("logs", "--audit-url", "http://127.0.0.1:1", "-o", "json");
        assertThat(logs.exitCode()).isEqualTo(4);
        assertThat(logs.stderr()).contains("http://127.0.0.1:1").doesNotContain(stack.auditOperatorToken());
    }

    record CliRun(int exitCode, String stdout, String stderr) {
    }

    /** Runs {@code provisionctl} from its exec jar, as {@code bin/provisionctl} does, against the running services. */
    private static CliRun provisionctl(String... args) throws Exception {
        Path jar = stack.options().repoRoot().resolve("provisionctl/target/provisionctl-0.1.0-SNAPSHOT-exec.jar");
        List<String> command = new java.util.ArrayList<>(List.of(ServiceProcess.javaExecutable(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--source-url", stack.service("source-connector").baseUrl(),
                "--mapper-url", stack.service("mapper-service").baseUrl(),
                "--sink-url", stack.service("scim-sink").baseUrl()));
        if (!List.of(args).contains("--audit-url")) {
            command.addAll(List.of("--audit-url", stack.service("audit-service").baseUrl()));
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PROVISIONCTL_TOKEN", stack.auditOperatorToken());
        Path out = Files.createTempFile("provisionctl", ".out");
        Path err = Files.createTempFile("provisionctl", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("provisionctl " + List.of(args) + " did not finish in 120 s");
            }
            return new CliRun(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Optional<JsonNode> entry(String sourceId, String reportedBy, String action) {
        JsonNode page = audit.entriesFor(sourceId);
        if (page == null) {
            return Optional.empty();
        }
        for (JsonNode e : page.path("items")) {
            if (e.path("reportedBy").asText().equalsIgnoreCase(reportedBy)
                    && (action == null || e.path("action").asText().equalsIgnoreCase(action))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLetters(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-dlt-reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<byte[], byte[]>> all = new java.util.ArrayList<>();
            long deadline = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < deadline && all.isEmpty()) {
                consumer.poll(Duration.ofMillis(500)).forEach(all::add);
            }
            return all;
        }
    }

    private static <T> T await(String what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out after 60 s waiting for " + what + "; service logs: "
                + stack.services().values().stream().map(s -> s.log().toString()).toList());
    }
}
