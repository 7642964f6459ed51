package io.entrascim.audit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

import io.entrascim.audit.AuditServiceApplication;
import io.entrascim.audit.lag.ConsumerLagMeter;
import io.entrascim.audit.lag.LagProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
import org.springframework.beans.factory.annotation.Value;
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
 * Ingestion of the real consumer (Kafka batch -> parse -> JDBC batch into provisioning_result), in two modes:
 * <ul>
 * <li>backlog ({@code -Dbench.rate=0}, default): all results are produced first, then the consumer starts; results/s
 * from the first to the last stored batch, beside the raw insert ceiling of the same PostgreSQL in the same run
 * (the same rows, pre-built, JDBC-batched into an identical table; {@code -Dbench.ceiling=false} skips it);</li>
 * <li>steady ({@code -Dbench.rate=3000}): the consumer runs while results are produced at that rate, as in a
 * pipeline cycle; reports whether it keeps up (lag during and after production, time to drain).</li>
 * </ul>
 * Both report CPU seconds per 1,000 results of the consumer threads, of this whole JVM (which also hosts the
 * embedded broker and the producer) and of PostgreSQL, with the load average (the machine is shared).
 * Not part of the default test run:
 * {@code mvn -B -q -o -pl audit-service test -Dtest=IngestionBenchmark -Dbench.results=100000 [-Dbench.rate=3000]
 * [-Dbench.ceiling=false] -Dsurefire.failIfNoSpecifiedTests=false}; consumer settings are the service's
 * (application.yml) unless overridden the same way, e.g.
 * {@code -Dspring.cloud.stream.bindings.ingestResults-in-0.consumer.concurrency=4}.
 */
@SpringBootTest(properties = {
        "audit.security.reader-token=bench-reader-token-0123456789",
        "audit.security.operator-token=bench-operator-token-0123456789",
        "spring.cloud.stream.bindings.ingestResults-in-0.consumer.auto-startup=false",
        "spring.cloud.stream.kafka.bindings.ingestResults-in-0.consumer.configuration.auto.offset.reset=earliest",
        "logging.level.org.apache.kafka=WARN", "logging.level.kafka=WARN"})
@EmbeddedKafka(partitions = 6, bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        topics = {Topics.RESULTS, Topics.CYCLES, "provisioning.results.v1.dlt"})
class IngestionBenchmark {

    private static final int RESULTS = Integer.getInteger("bench.results", 100_000);
    private static final int BATCH = 1000;
    /** results/s produced while the consumer runs; 0 = produce everything first (backlog) */
    private static final int RATE = Integer.getInteger("bench.rate", 0);
    private static final boolean CEILING = Boolean.parseBoolean(System.getProperty("bench.ceiling", "true"));

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    BindingsLifecycleController bindings;

    /** consumer threads (application.yml, or -Dspring.cloud.stream.bindings.ingestResults-in-0.consumer.concurrency=N),
     * and as many inserting threads for the ceiling, so both get the same parallelism */
    @Value("${spring.cloud.stream.bindings.ingestResults-in-0.consumer.concurrency:1}")
    int threads;

    @Value("${spring.cloud.stream.kafka.bindings.ingestResults-in-0.consumer.configuration.fetch.min.bytes:1}")
    String fetchMinBytes;

    @Value("${spring.cloud.stream.kafka.bindings.ingestResults-in-0.consumer.configuration.fetch.max.wait.ms:500}")
    String fetchMaxWaitMs;

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> BenchPostgres.get().getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
    }

    @Test
    void ingestionRateAndCpuPerThousandResults() throws Exception {
        List<ProvisioningResult> results = new ArrayList<>(RESULTS);
        for (int i = 0; i < RESULTS; i++) {
            results.add(result(i));
        }
        List<byte[]> payloads = results.stream().map(RecordCodec::write).toList();
        double avgBytes = payloads.stream().mapToInt(p -> p.length).average().orElse(0);
        CpuMeter cpu = new CpuMeter(BenchPostgres.get().getPort());
        String loadBefore = CpuMeter.loadAverage();

        double ceilingBefore = CEILING && RATE == 0 ? ceiling("ceiling_before", results, payloads) : Double.NaN;

        KafkaTemplate<byte[], byte[]> template = template();
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
        ConsumerLagMeter meter = new ConsumerLagMeter(admin, List.of(new LagProperties.Target("audit-service", Topics.RESULTS)),
                Duration.ofSeconds(10), Clock.systemUTC());
        LongSupplier lag = () -> {
            Long l = meter.measure().groups().get(0).lag();
            return l == null ? Long.MAX_VALUE : l;
        };
        CpuMeter.Sample cpuStart;
        long start;
        long producedAt;
        long maxLag = 0;
        if (RATE == 0) {
            produce(template, results, payloads, 0, RESULTS);
            cpuStart = cpu.sample();
            start = System.nanoTime();
            producedAt = start;
            bindings.changeState("ingestResults-in-0", BindingsLifecycleController.State.STARTED);
        } else {
            bindings.changeState("ingestResults-in-0", BindingsLifecycleController.State.STARTED);
            Thread.sleep(5000); // group join and partition assignment
            cpuStart = cpu.sample();
            start = System.nanoTime();
            int perTick = Math.max(1, RATE / 10);
            long tick = Duration.ofMillis(100).toNanos();
            for (int from = 0, n = 0; from < RESULTS; from += perTick, n++) {
                long due = start + n * tick;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                produce(template, results, payloads, from, Math.min(RESULTS, from + perTick));
                if (n % 10 == 0) {
                    maxLag = Math.max(maxLag, lag.getAsLong());
                }
            }
            producedAt = System.nanoTime();
        }
        // done = the group committed everything (it commits only after the rows are stored); the lag is read from
        // Kafka, so the waiting adds no load to the PostgreSQL being measured
        long left = lag.getAsLong();
        long lagAtEndOfProduction = left;
        while (left > 0 && System.nanoTime() - start < Duration.ofMinutes(20).toNanos()) {
            Thread.sleep(100);
            left = lag.getAsLong();
        }
        long end = System.nanoTime();
        long stored = jdbc.queryForObject("select count(*) from provisioning_result", Long.class);
        CpuMeter.Sample used = cpu.sample().minus(cpuStart);
        String loadAfter = CpuMeter.loadAverage();
        double wallSeconds = (end - start) / 1e9;
        // from the first batch's commit to the last one: excludes the consumer's group join
        double activeSeconds = jdbc.queryForObject(
                "select extract(epoch from max(ingested_at) - min(ingested_at)) from provisioning_result", Double.class);
        assertThat(stored).isEqualTo(RESULTS);
        template.destroy();
        admin.close();

        double ceilingAfter = CEILING && RATE == 0 ? ceiling("ceiling_after", results, payloads) : Double.NaN;
        double perThousand = 1000.0 / RESULTS;
        System.out.printf("%n=== IngestionBenchmark: %,d results, %.0f bytes each on average, 6 partitions, %d consumer thread(s), "
                + "%s%n", RESULTS, avgBytes, threads, RATE == 0 ? "backlog (produced first)" : "steady, produced at " + RATE + "/s");
        System.out.printf("load average (1/5/15 min): before %s, after %s%n", loadBefore, loadAfter);
        // each batch is one transaction, and ingested_at is the transaction's start time
        long batches = jdbc.queryForObject("select count(distinct ingested_at) from provisioning_result", Long.class);
        System.out.printf("consumer: fetch.min.bytes %s, fetch.max.wait.ms %s; %,d batches, %.0f results per batch on average%n",
                fetchMinBytes, fetchMaxWaitMs, batches, (double) RESULTS / batches);
        if (RATE == 0) {
            System.out.printf("ingestion: %,.0f results/s over %.1f s of commits (%,.0f/s including the consumer's start and "
                    + "group join, %.1f s)%n", RESULTS / activeSeconds, activeSeconds, RESULTS / wallSeconds, wallSeconds);
            if (CEILING) {
                double ceiling = (ceilingBefore + ceilingAfter) / 2;
                System.out.printf("raw JDBC insert ceiling (same table shape, batch %d, reWriteBatchedInserts, %d thread(s)): "
                        + "before %,.0f/s, after %,.0f/s; ratio ingestion / mean ceiling %.0f %%%n", BATCH, threads,
                        ceilingBefore, ceilingAfter, 100 * (RESULTS / activeSeconds) / ceiling);
            }
        } else {
            double produceSeconds = (producedAt - start) / 1e9;
            System.out.printf("produced in %.1f s (%,.0f/s); stored all %.1f s after the first record (%,.0f results/s); "
                    + "lag: max %,d during production, %,d when production ended, drained %.1f s later%n",
                    produceSeconds, RESULTS / produceSeconds, wallSeconds, RESULTS / wallSeconds, maxLag,
                    lagAtEndOfProduction, (end - producedAt) / 1e9);
        }
        System.out.printf("CPU s per 1,000 results: consumer threads %.3f, PostgreSQL %.3f, consumer+PostgreSQL %.3f; "
                        + "whole JVM (also broker and producer) %.3f%n", used.consumerThreads() * perThousand,
                used.postgres() * perThousand, (used.consumerThreads() + used.postgres()) * perThousand,
                used.jvm() * perThousand);
        System.out.printf("CPU s in total: consumer threads %.1f, PostgreSQL %.1f, JVM %.1f over %.1f s%n",
                used.consumerThreads(), used.postgres(), used.jvm(), used.nanos() / 1e9);
        System.out.println("hottest threads (CPU s since JVM start): " + CpuMeter.threadCpuByName().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(6)
                .map(e -> e.getKey() + "=" + String.format("%.1f", e.getValue())).toList());
        System.out.println();
    }

    private double ceiling(String table, List<ProvisioningResult> results, List<byte[]> payloads) {
        jdbc.execute("create table " + table + " (like provisioning_result including all)");
        ResultWriter writer = new ResultWriter(jdbc, table);
        List<StoredResult> rows = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            rows.add(new StoredResult(results.get(i), new String(payloads.get(i), StandardCharsets.UTF_8)));
        }
        long t0 = System.nanoTime();
        insertInBatches(writer, rows, threads, BATCH);
        double rate = rows.size() / ((System.nanoTime() - t0) / 1e9);
        jdbc.execute("drop table " + table);
        return rate;
    }

    /** Inserts the rows in JDBC batches of {@code batch}, the batches spread over {@code threads} threads. */
    static void insertInBatches(ResultWriter writer, List<StoredResult> rows, int threads, int batch) {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int slice = t;
                workers.add(CompletableFuture.runAsync(() -> {
                    for (int i = slice * batch; i < rows.size(); i += threads * batch) {
                        writer.insert(rows.subList(i, Math.min(rows.size(), i + batch)));
                    }
                }, pool));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdown();
        }
    }

    private KafkaTemplate<byte[], byte[]> template() {
        Map<String, Object> props = KafkaTestUtils.producerProps(broker);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(props, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    private static void produce(KafkaTemplate<byte[], byte[]> template, List<ProvisioningResult> results,
                                List<byte[]> payloads, int from, int to) {
        List<CompletableFuture<?>> sends = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            byte[] key = results.get(i).sourceIdentity().id().getBytes(StandardCharsets.UTF_8);
            sends.add(template.send(new ProducerRecord<>(Topics.RESULTS, key, payloads.get(i))));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
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
