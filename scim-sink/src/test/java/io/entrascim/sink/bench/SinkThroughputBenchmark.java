package io.entrascim.sink.bench;

import io.entrascim.contracts.AttributeFlow;
import io.entrascim.contracts.CycleOrigin;
import io.entrascim.contracts.MatchingAttribute;
import io.entrascim.contracts.ObjectType;
import io.entrascim.contracts.Operation;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.TargetAttribute;
import io.entrascim.sink.core.LinkStore;
import io.entrascim.sink.core.ParkedMembers;
import io.entrascim.sink.core.Reconciler;
import io.entrascim.sink.scim.JdkScimClient;
import io.entrascim.sink.scim.PatchBodies;
import io.entrascim.sink.scim.PatchDialect;
import io.entrascim.sink.scim.ResilienceSettings;
import io.entrascim.sink.scim.ResilientScimClient;
import io.entrascim.sink.scim.ScimClientSettings;
import io.entrascim.testkit.scim.ScimTarget;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sustained SCIM writes/s of the sink core (match + create + durable link, over HTTP, with the
 * Resilience4j decorators on and the rate ceiling lifted) into the local {@link ScimTarget} at
 * concurrency 1, 8 and 32, beside the raw create capacity of the same target measured by a plain
 * HTTP load (one POST per user) in the same run. Not part of the default test run:
 * {@code mvn -B -o -pl scim-sink verify -Dtest=SinkThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (report in {@code scim-sink/target/benchmark.txt}). Seconds per step: {@code -Dbench.seconds=5}.
 */
class SinkThroughputBenchmark {

    private static final int SECONDS = Integer.getInteger("bench.seconds", 5);
    private static final int[] CONCURRENCY = {1, 8, 32};

    @Test
    void measure() throws Exception {
        StringBuilder report = new StringBuilder();
        try (ScimTarget target = ScimTarget.start(0); EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            target.recordRequests(false);
            // Pooled like the service (Hikari); the zonky DataSource alone opens a connection per statement.
            com.zaxxer.hikari.HikariDataSource ds = new com.zaxxer.hikari.HikariDataSource();
            ds.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
            ds.setUsername("postgres");
            ds.setMaximumPoolSize(40);
            // as in application.yml: links are rebuildable by re-matching, so they need no fsync per commit
            ds.setConnectionInitSql("SET synchronous_commit TO off");
            Flyway.configure().dataSource(ds).schemas("scim_sink").defaultSchema("scim_sink").createSchemas(true)
                    .locations("classpath:db/migration/scim_sink").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            JdkScimClient raw = new JdkScimClient(new ScimClientSettings(target.baseUrl(), target.token(),
                    Duration.ofSeconds(5), Duration.ofSeconds(30), null, null, null));
            ResilientScimClient scim = new ResilientScimClient(raw, new ResilienceSettings(8, 50, Duration.ofMillis(100),
                    Duration.ofSeconds(2), Duration.ofSeconds(5), 1_000_000, 64, 100, 50f, Duration.ofSeconds(5)));
            Reconciler matchFirst = new Reconciler(scim, new LinkStore(jdbc), new ParkedMembers(jdbc),
                    new PatchBodies(PatchDialect.RFC), 100, false);
            Reconciler createFirst = new Reconciler(scim, new LinkStore(jdbc), new ParkedMembers(jdbc),
                    new PatchBodies(PatchDialect.RFC), 100, true);

            line(report, String.format("SCIM target %s, %d s per step, %d cores", target.baseUrl(), SECONDS,
                    Runtime.getRuntime().availableProcessors()));
            // warm-up both paths
            rawLoad(target, 8, 2);
            sinkLoad(matchFirst, 8, 2);
            sinkLoad(createFirst, 8, 2);
            line(report, String.format("%-12s %12s %18s %7s %18s %7s", "concurrency", "raw POST/s",
                    "match-first/s", "ratio", "create-first/s", "ratio"));
            for (int c : CONCURRENCY) {
                double rawRate = rawLoad(target, c, SECONDS);
                double mf = sinkLoad(matchFirst, c, SECONDS);
                double cf = sinkLoad(createFirst, c, SECONDS);
                line(report, String.format("%-12d %12.0f %18.0f %6.0f%% %18.0f %6.0f%%", c, rawRate, mf, 100 * mf / rawRate,
                        cf, 100 * cf / rawRate));
            }
            line(report, "sink rates = new users provisioned per second (durable link in PostgreSQL included)."
                    + " match-first (Entra's default, sink.create-first=false): GET filter + POST = 2 requests per user;"
                    + " create-first (sink.create-first=true): POST, match only on 409 = 1 request. Raw load: 1 POST per user.");
            line(report, "users in target at the end: " + target.userCount());
            ds.close();
        }
        Path out = Path.of("target", "benchmark.txt");
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    private static void line(StringBuilder sb, String s) {
        sb.append(s).append('\n');
        System.out.println(s);
    }

    /** Plain HTTP load: each thread POSTs unique users as fast as the target answers. */
    private static double rawLoad(ScimTarget target, int threads, int seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return run(threads, seconds, () -> {
            String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"raw-"
                    + UUID.randomUUID() + "\",\"active\":true,\"displayName\":\"Raw\"}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(target.baseUrl() + "/Users"))
                    .header("Authorization", "Bearer " + target.token()).header("Content-Type", "application/scim+json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 201;
        });
    }

    /** The sink core: one UPSERT command per new user. */
    private static double sinkLoad(Reconciler reconciler, int threads, int seconds) throws Exception {
        return run(threads, seconds, () -> {
            String id = UUID.randomUUID().toString();
            String userName = "sink-" + id;
            ProvisioningCommand c = new ProvisioningCommand(ProvisioningCommand.VERSION, id, id, "bench", CycleOrigin.INITIAL,
                    ObjectType.USER, id, null, Operation.UPSERT,
                    List.of(new TargetAttribute("userName", userName, AttributeFlow.ALWAYS, false),
                            new TargetAttribute("active", "True", AttributeFlow.ALWAYS, false),
                            new TargetAttribute("displayName", "Sink", AttributeFlow.ALWAYS, false),
                            new TargetAttribute("externalId", id, AttributeFlow.ALWAYS, false)),
                    List.of(new MatchingAttribute("userName", userName, 1)), List.of(), Instant.now(), null);
            return reconciler.apply(c).get(0).status() == ProvisioningStatus.SUCCESS;
        });
    }

    interface Op {
        boolean call() throws Exception;
    }

    private static double run(int threads, int seconds, Op op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong ok = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    if (op.call()) {
                        ok.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return ok.get() / elapsed;
    }
}
