package io.entrascim.audit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.entrascim.audit.AuditServiceApplication;
import io.entrascim.audit.store.ResultWriter;
import io.entrascim.audit.store.StoredResult;
import io.entrascim.contracts.CycleOrigin;
import io.entrascim.contracts.ErrorInfo;
import io.entrascim.contracts.Identity;
import io.entrascim.contracts.ModifiedProperty;
import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.ProvisioningStep;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.ReportingService;
import io.entrascim.contracts.StepType;
import io.entrascim.contracts.Topics;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Ingestion rate of the real consumer (Kafka batch -> parse -> JDBC batch into provisioning_result) beside the raw
 * insert ceiling of the same PostgreSQL in the same run: the same rows, pre-built, JDBC-batched by one thread into
 * an identical table (same indexes). The ceiling is measured before and after the ingestion to expose drift.
 * Not part of the default test run:
 * {@code mvn -B -q -o -pl audit-service test -Dtest=IngestionBenchmark -Dbench.results=200000 [-Dbench.concurrency=2 (the service default)]}
 */
@SpringBootTest(properties = {
        "audit.security.reader-token=bench-reader-token-0123456789",
        "audit.security.operator-token=bench-operator-token-0123456789",
        "spring.cloud.stream.bindings.ingestResults-in-0.consumer.auto-startup=false",
        "spring.cloud.stream.bindings.ingestResults-in-0.consumer.concurrency=${bench.concurrency:2}",
        "spring.cloud.stream.kafka.bindings.ingestResults-in-0.consumer.configuration.auto.offset.reset=earliest",
        "logging.level.org.apache.kafka=WARN", "logging.level.kafka=WARN"})
@EmbeddedKafka(partitions = 6, bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        topics = {Topics.RESULTS, Topics.CYCLES, "provisioning.results.v1.dlt"})
class IngestionBenchmark {

    private static final int RESULTS = Integer.getInteger("bench.results", 200_000);
    private static final int BATCH = 1000;
    /** consumer threads, and as many inserting threads for the ceiling, so both get the same parallelism */
    private static final int THREADS = Integer.getInteger("bench.concurrency", 2);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    BindingsLifecycleController bindings;

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> BenchPostgres.get().getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
    }

    @Test
    void ingestionRateBesideRawInsertCeiling() throws Exception {
        List<ProvisioningResult> results = new ArrayList<>(RESULTS);
        for (int i = 0; i < RESULTS; i++) {
            results.add(result(i));
        }
        List<byte[]> payloads = results.stream().map(RecordCodec::write).toList();
        double avgBytes = payloads.stream().mapToInt(p -> p.length).average().orElse(0);

        double ceilingBefore = ceiling("ceiling_before", results, payloads);

        produce(results, payloads);
        long start = System.nanoTime();
        bindings.changeState("ingestResults-in-0", BindingsLifecycleController.State.STARTED);
        long stored;
        do {
            Thread.sleep(250);
            stored = jdbc.queryForObject("select count(*) from provisioning_result", Long.class);
        } while (stored < RESULTS && System.nanoTime() - start < Duration.ofMinutes(20).toNanos());
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        // from the first batch's commit to the last one: excludes the consumer's group join
        double activeSeconds = jdbc.queryForObject(
                "select extract(epoch from max(ingested_at) - min(ingested_at)) from provisioning_result", Double.class);
        assertThat(stored).isEqualTo(RESULTS);

        double ceilingAfter = ceiling("ceiling_after", results, payloads);
        double ceiling = (ceilingBefore + ceilingAfter) / 2;
        double ingestRate = RESULTS / activeSeconds;
        System.out.printf("%n=== IngestionBenchmark: %,d results, %.0f bytes each on average, 6 partitions, %d consumer thread(s)%n",
                RESULTS, avgBytes, THREADS);
        System.out.printf("raw JDBC insert ceiling (same table shape, batch %d, reWriteBatchedInserts, %d thread(s)): "
                + "before %,.0f/s, after %,.0f/s%n", BATCH, THREADS, ceilingBefore, ceilingAfter);
        System.out.printf("ingestion (Kafka -> parse -> JDBC batch): %,.0f results/s over %.1f s of commits "
                + "(%,.0f/s including the consumer's start and group join, %.1f s)%n", ingestRate, activeSeconds,
                RESULTS / wallSeconds, wallSeconds);
        System.out.printf("ratio ingestion / ceiling: %.0f %%%n%n", 100 * ingestRate / ceiling);
    }

    private double ceiling(String table, List<ProvisioningResult> results, List<byte[]> payloads) {
        jdbc.execute("create table " + table + " (like provisioning_result including all)");
        ResultWriter writer = new ResultWriter(jdbc, table);
        List<StoredResult> rows = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            rows.add(new StoredResult(results.get(i), new String(payloads.get(i), StandardCharsets.UTF_8)));
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(THREADS);
        long t0 = System.nanoTime();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int slice = t;
            workers.add(CompletableFuture.runAsync(() -> {
                for (int i = slice * BATCH; i < rows.size(); i += THREADS * BATCH) {
                    writer.insert(rows.subList(i, Math.min(rows.size(), i + BATCH)));
                }
            }, pool));
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
        double rate = rows.size() / ((System.nanoTime() - t0) / 1e9);
        pool.shutdown();
        jdbc.execute("drop table " + table);
        return rate;
    }

    private void produce(List<ProvisioningResult> results, List<byte[]> payloads) {
        Map<String, Object> props = KafkaTestUtils.producerProps(broker);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        var template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(props, new ByteArraySerializer(), new ByteArraySerializer()));
        List<CompletableFuture<?>> sends = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            byte[] key = results.get(i).sourceIdentity().id().getBytes(StandardCharsets.UTF_8);
            sends.add(template.send(new ProducerRecord<>(Topics.RESULTS, key, payloads.get(i))));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        template.destroy();
    }

    /** A sink-shaped result of about 1 KB: steps, modified properties, an error on one in twenty. */
    static ProvisioningResult result(int i) {
        String user = "user" + (i % 100_000) + "@contoso.test";
        String source = UUID.nameUUIDFromBytes(("user-" + (i % 100_000)).getBytes(StandardCharsets.UTF_8)).toString();
        boolean failed = i % 20 == 0;
        return new ProvisioningResult(ProvisioningResult.VERSION, UUID.nameUUIDFromBytes(("bench-" + i).getBytes(StandardCharsets.UTF_8)).toString(),
                UUID.nameUUIDFromBytes(("change-" + i).getBytes(StandardCharsets.UTF_8)).toString(), "cycle-" + (i / 10_000),
                "scim.tanium-sso", Instant.parse("2026-11-01T00:00:00Z").plusMillis(i * 10L), 20 + i % 200,
                i % 7 == 0 ? ProvisioningAction.CREATE : ProvisioningAction.UPDATE,
                failed ? ProvisioningStatus.FAILURE : ProvisioningStatus.SUCCESS, ReportingService.SCIM_SINK,
                CycleOrigin.INCREMENTAL, new Identity(source, user, "User"), new Identity("scim-" + source, user, "User"),
                List.of(ProvisioningStep.of("EntryImportUpdate", StepType.IMPORT, ProvisioningStatus.SUCCESS,
                                "Received User '" + user + "' change of type (Update) from Azure Active Directory"),
                        ProvisioningStep.of("EntrySynchronizationUpdate", StepType.MATCHING, ProvisioningStatus.SUCCESS,
                                "User '" + user + "' will be updated in Tanium SSO"),
                        new ProvisioningStep("EntryExportUpdate", StepType.EXPORT,
                                failed ? ProvisioningStatus.FAILURE : ProvisioningStatus.SUCCESS,
                                "Updated User '" + user + "' in Tanium SSO", Map.of("ReportableIdentifier", user))),
                List.of(new ModifiedProperty("displayName", "User " + i, "User " + i + " (renamed)"),
                        new ModifiedProperty("active", "true", "true"),
                        new ModifiedProperty("emails[type eq \"work\"].value", null, user)),
                failed ? new ErrorInfo("InternalServerError", "SCIM target answered HTTP 500", "httpStatus=500", "failure",
                        "Retried automatically") : null,
                null);
    }
}
