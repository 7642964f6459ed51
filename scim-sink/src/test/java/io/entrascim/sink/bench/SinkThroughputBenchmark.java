package io.entrascim.sink.bench;

import io.entrascim.contracts.AttributeFlow;
import io.entrascim.contracts.CycleOrigin;
import io.entrascim.contracts.MatchingAttribute;
import io.entrascim.contracts.ObjectType;
import io.entrascim.contracts.Operation;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.TargetAttribute;
import io.entrascim.sink.core.BatchLinks;
import io.entrascim.sink.core.LinkStore;
import io.entrascim.sink.core.ParkedMembers;
import io.entrascim.sink.core.Reconciler;
import io.entrascim.sink.scim.JdkScimClient;
import io.entrascim.sink.scim.PatchBodies;
import io.entrascim.sink.scim.PatchDialect;
import io.entrascim.sink.scim.ResilienceSettings;
import io.entrascim.sink.scim.ResilientScimClient;
import io.entrascim.sink.scim.ResourceKind;
import io.entrascim.sink.scim.ScimClient;
import io.entrascim.sink.scim.ScimClientSettings;
import io.entrascim.sink.scim.ScimResponse;
import io.entrascim.testkit.load.LeanPostConnection;
import io.entrascim.testkit.load.LeanPostLoad;
import io.entrascim.testkit.scim.ScimTarget;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
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
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sustained SCIM writes/s of the sink core (match + create + durable link, over HTTP, with the
 * Resilience4j decorators on and the rate ceiling lifted) into the local {@link ScimTarget} at
 * concurrency 1, 8 and 32, beside the raw create capacity of the same target measured by two plain
 * HTTP loads (one POST per user: the JDK HttpClient and {@link LeanPostLoad}'s wrk-like connections) in the same
 * run, and the CPU each side spent per write. Not part of
 * the default test run:
 * {@code mvn -B -o -pl scim-sink verify -Dtest=SinkThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (report in {@code scim-sink/target/benchmark.txt}). Seconds per step: {@code -Dbench.seconds=5}, warm-up
 * per path {@code -Dbench.warmup=6}; concurrencies {@code -Dbench.concurrency=1,8,32}; sink HTTP client
 * {@code -Dbench.http=apache|jdk}; commands per batch (the consumer reads the links of a polled batch at once)
 * {@code -Dbench.batch=50} (1 = one command at a time);
 * a flight recording of the whole run: {@code -Dbench.jfr=/tmp/sink.jfr}.
 */
class SinkThroughputBenchmark {

    private static final int SECONDS = Integer.getInteger("bench.seconds", 5);
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 6);
    private static final int[] CONCURRENCY = java.util.Arrays.stream(System.getProperty("bench.concurrency", "1,8,32")
            .split(",")).mapToInt(x -> Integer.parseInt(x.trim())).toArray();
    private static final int BATCH = Integer.getInteger("bench.batch", 50);
    private static final ScimClientSettings.HttpClientKind HTTP = ScimClientSettings.HttpClientKind.valueOf(
            System.getProperty("bench.http", "apache").toUpperCase(java.util.Locale.ROOT));

    /** One measured step. */
    record Step(double rate, double requestsPerSecond, long writes, CpuMeter.Usage cpu) {
        double sinkMs() {
            return cpu.msPer(writes, cpu.sink());
        }

        double pgMs() {
            return cpu.msPer(writes, cpu.postgres());
        }

        double kbPerWrite() {
            return writes == 0 ? 0 : cpu.sinkBytes() / 1024.0 / writes;
        }
    }

    @Test
    void measure() throws Exception {
        Recording jfr = null;
        if (System.getProperty("bench.jfr") != null) {
            jfr = new Recording(Configuration.getConfiguration("profile"));
            // the default 10-20 ms period gives too few samples of short calls
            jfr.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            jfr.setDestination(Path.of(System.getProperty("bench.jfr")));
            jfr.start();
        }
        StringBuilder report = new StringBuilder();
        try (ScimTarget target = ScimTarget.start(0); EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            target.recordRequests(false);
            // Pooled like the service (Hikari); the zonky DataSource alone opens a connection per statement.
            com.zaxxer.hikari.HikariDataSource ds = new com.zaxxer.hikari.HikariDataSource();
            ds.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
            ds.setUsername("postgres");
            ds.setMaximumPoolSize(40);
            // as in application.yml (no connection-init-sql: commits are durable); -Dbench.init-sql to compare
            if (System.getProperty("bench.init-sql") != null) {
                ds.setConnectionInitSql(System.getProperty("bench.init-sql"));
            }
            Flyway.configure().dataSource(ds).schemas("scim_sink").defaultSchema("scim_sink").createSchemas(true)
                    .locations("classpath:db/migration/scim_sink").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            CpuMeter cpu = new CpuMeter(jdbc);
            JdkScimClient raw = new JdkScimClient(new ScimClientSettings(target.baseUrl(), target.token(),
                    Duration.ofSeconds(5), Duration.ofSeconds(30), null, null, null, HTTP));
            Counting counted = new Counting(raw);
            ResilientScimClient scim = new ResilientScimClient(counted, new ResilienceSettings(8, 50, Duration.ofMillis(100),
                    Duration.ofSeconds(2), Duration.ofSeconds(5), 1_000_000, 64, 100, 50f, Duration.ofSeconds(5)));
            LinkStore links = new LinkStore(jdbc);
            Reconciler matchFirst = new Reconciler(scim, links, new ParkedMembers(jdbc),
                    new PatchBodies(PatchDialect.RFC), 100, false);
            Reconciler createFirst = new Reconciler(scim, links, new ParkedMembers(jdbc),
                    new PatchBodies(PatchDialect.RFC), 100, true);

            if (System.getProperty("bench.ab-http") != null) {
                compareHttpClients(target, cpu, links, jdbc, counted, scim);
                return;
            }
            line(report, String.format("SCIM target %s, %d s per step, %d cores, sink HTTP client %s, commands per batch %d,"
                            + " pg init sql %s, load average at start %s", target.baseUrl(), SECONDS,
                    Runtime.getRuntime().availableProcessors(), HTTP, BATCH, System.getProperty("bench.init-sql", "none"), CpuMeter.loadAverage()));
            // Warm up every path until the JIT compilers are nearly idle: under a high load average they get little CPU
            // and would otherwise compete with the measured steps (seen as 0.2-2 ms of compiler CPU per write).
            String warm = warmUp(cpu, () -> rawLoad(target, cpu, 8, 2)) + warmUp(cpu, () -> leanRawLoad(target, cpu, 8, 2))
                    + warmUp(cpu, () -> sinkLoad(matchFirst, links, counted, cpu, 8, 2))
                    + warmUp(cpu, () -> sinkLoad(createFirst, links, counted, cpu, 8, 2));
            line(report, "warm-up (raw JDK, raw lean, match-first, create-first) until the compiler threads used < 5 % of a core:" + warm);
            line(report, "");
            line(report, String.format("%-4s %-15s %9s %8s %9s | %9s %6s %7s %7s %6s | %9s %6s %7s %7s %6s", "c", "load 1/5/15",
                    "raw POST/s", "cli ms/w", "lean/s", "match/s", "ratio", "req/s", "sink ms", "pg ms",
                    "create/s", "ratio", "req/s", "sink ms", "pg ms"));
            List<String> details = new ArrayList<>();
            for (int c : CONCURRENCY) {
                // Each step starts on an empty target: hundreds of thousands of users left by the steps before would
                // make the later steps pay for the target's larger heap (the target runs in this JVM).
                target.reset();
                Step rawStep = rawLoad(target, cpu, c, SECONDS);
                target.reset();
                Step leanStep = leanRawLoad(target, cpu, c, SECONDS);
                // the ratios are to the best raw figure: the JDK client's own CPU holds the target back on two cores
                double best = Math.max(rawStep.rate, leanStep.rate);
                target.reset();
                Step mf = sinkLoad(matchFirst, links, counted, cpu, c, SECONDS);
                target.reset();
                Step cf = sinkLoad(createFirst, links, counted, cpu, c, SECONDS);
                line(report, String.format("%-4d %-15s %9.0f %8.3f %9.0f | %9.0f %5.0f%% %7.0f %7.3f %6.3f | %9.0f %5.0f%% %7.0f %7.3f %6.3f",
                        c, CpuMeter.loadAverage(), rawStep.rate, rawStep.sinkMs(), leanStep.rate,
                        mf.rate, 100 * mf.rate / best, mf.requestsPerSecond, mf.sinkMs(), mf.pgMs(),
                        cf.rate, 100 * cf.rate / best, cf.requestsPerSecond, cf.sinkMs(), cf.pgMs()));
                details.add(String.format("c=%-3d PostgreSQL transactions/write match-first %.2f, create-first %.2f;"
                                + " allocated KB/write raw %.1f, match-first %.1f, create-first %.1f;"
                                + " target ms/request raw %.3f, match-first %.3f, create-first %.3f;"
                                + " GC ms/write raw %.3f, match-first %.3f, create-first %.3f;"
                                + " JIT ms/write raw %.3f, match-first %.3f, create-first %.3f", c,
                        (double) mf.cpu.transactions() / Math.max(1, mf.writes), (double) cf.cpu.transactions() / Math.max(1, cf.writes),
                        rawStep.kbPerWrite(), mf.kbPerWrite(), cf.kbPerWrite(),
                        rawStep.cpu.msPer(rawStep.writes, rawStep.cpu.target()),
                        mf.cpu.msPer((long) (mf.requestsPerSecond * SECONDS), mf.cpu.target()),
                        cf.cpu.msPer((long) (cf.requestsPerSecond * SECONDS), cf.cpu.target()),
                        rawStep.cpu.msPer(rawStep.writes, rawStep.cpu.vm()), mf.cpu.msPer(mf.writes, mf.cpu.vm()),
                        cf.cpu.msPer(cf.writes, cf.cpu.vm()),
                        rawStep.cpu.msPer(rawStep.writes, rawStep.cpu.jit()), mf.cpu.msPer(mf.writes, mf.cpu.jit()),
                        cf.cpu.msPer(cf.writes, cf.cpu.jit())));
            }
            line(report, "");
            details.forEach(d -> line(report, d));
            line(report, "");
            line(report, "raw POST/s: plain JDK HttpClient, one POST per new user; cli ms/w: that client's CPU per POST;"
                    + " lean/s: the same POSTs over one blocking keep-alive socket per thread (LeanPostLoad, as wrk does).");
            line(report, "match/s, create/s: new users provisioned per second by the sink core (durable link in"
                    + " PostgreSQL included); ratio = to the better of raw POST/s and lean/s of the same line (the target's"
                    + " capacity); req/s = SCIM requests/s.");
            line(report, "match-first (Entra's default, sink.create-first=false): GET filter + POST = 2 requests per user;"
                    + " create-first (sink.create-first=true): POST, match only on 409 = 1 request.");
            line(report, "sink ms: CPU of the sink's threads (callers, HTTP client, pool) per write; pg ms: CPU of the"
                    + " PostgreSQL server processes per write (link lookups and writes).");
            line(report, "users in target at the end: " + target.userCount() + ", load average at the end "
                    + CpuMeter.loadAverage());
            ds.close();
        } finally {
            if (jfr != null) {
                jfr.stop();
                jfr.close();
            }
        }
        Path out = Path.of("target", "benchmark.txt");
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    interface Load {
        Step run() throws Exception;
    }

    /** Runs {@code load} (2 s each) until the JIT used under 100 ms of CPU in one run, at least WARM_UP s, at most 40 s. */
    private static String warmUp(CpuMeter cpu, Load load) throws Exception {
        long start = System.nanoTime();
        double lastJitMs;
        do {
            lastJitMs = load.run().cpu().jit() / 1e6;
        } while ((System.nanoTime() - start < WARM_UP * 1_000_000_000L || lastJitMs > 100)
                && System.nanoTime() - start < 40_000_000_000L);
        return String.format(" %.0f s (JIT %.0f ms in the last 2 s)", (System.nanoTime() - start) / 1e9, lastJitMs);
    }

    /** -Dbench.ab-http: create-first through each HTTP client in turn, same JVM, same target, three rounds. */
    private static void compareHttpClients(ScimTarget target, CpuMeter cpu, LinkStore links, JdbcTemplate jdbc,
                                           Counting counted, ResilientScimClient configured) throws Exception {
        Reconciler[] sinks = new Reconciler[2];
        ScimClientSettings.HttpClientKind[] kinds = ScimClientSettings.HttpClientKind.values();
        for (int i = 0; i < kinds.length; i++) {
            Counting c = new Counting(new JdkScimClient(new ScimClientSettings(target.baseUrl(), target.token(),
                    Duration.ofSeconds(5), Duration.ofSeconds(30), null, null, null, kinds[i])));
            ResilientScimClient r = new ResilientScimClient(c, new ResilienceSettings(8, 50, Duration.ofMillis(100),
                    Duration.ofSeconds(2), Duration.ofSeconds(5), 1_000_000, 64, 100, 50f, Duration.ofSeconds(5)));
            sinks[i] = new Reconciler(r, links, new ParkedMembers(jdbc), new PatchBodies(PatchDialect.RFC), 100, true);
            sinkLoad(sinks[i], links, c, cpu, 8, 3);
        }
        for (int round = 0; round < 3; round++) {
            for (int conc : CONCURRENCY) {
                for (int i = 0; i < kinds.length; i++) {
                    Step s = sinkLoad(sinks[i], links, counted, cpu, conc, SECONDS);
                    System.out.printf("AB round %d c=%d %-6s create-first %6.0f/s sink %.3f ms/w pg %.3f ms/w %.1f KB/w load %s%n",
                            round, conc, kinds[i], s.rate, s.sinkMs(), s.pgMs(), s.kbPerWrite(), CpuMeter.loadAverage());
                }
            }
        }
    }

    private static void line(StringBuilder sb, String s) {
        sb.append(s).append('\n');
        System.out.println(s);
    }

    /** Plain HTTP load: each thread POSTs unique users as fast as the target answers. */
    private static Step rawLoad(ScimTarget target, CpuMeter cpu, int threads, int seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI users = URI.create(target.baseUrl() + "/Users");
        String authorization = "Bearer " + target.token();
        return run(cpu, threads, seconds, () -> {
            String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"raw-"
                    + UUID.randomUUID() + "\",\"active\":true,\"displayName\":\"Raw\"}";
            try {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(users)
                        .header("Authorization", authorization).header("Content-Type", "application/scim+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
                return r.statusCode() == 201 ? 1 : 0;
            } catch (java.io.IOException dropped) {
                // the JDK server drops a keep-alive connection now and then under overload: not a create
                return 0;
            }
        }, null, "raw-load-");
    }

    /** The same POSTs as {@link #rawLoad} over {@link LeanPostConnection}s, one per load thread. */
    private static Step leanRawLoad(ScimTarget target, CpuMeter cpu, int threads, int seconds) throws Exception {
        ThreadLocal<LeanPostConnection> own = new ThreadLocal<>();
        Queue<LeanPostConnection> opened = new ConcurrentLinkedQueue<>();
        try {
            return run(cpu, threads, seconds, () -> {
                LeanPostConnection connection = own.get();
                if (connection == null) {
                    connection = new LeanPostConnection(target.baseUrl(), target.token());
                    opened.add(connection);
                    own.set(connection);
                }
                try {
                    return connection.post("Users", LeanPostLoad.rawUser("lean-" + UUID.randomUUID())) == 201 ? 1 : 0;
                } catch (IOException dropped) {
                    // reopened on the thread's next call, as wrk does; not a create
                    own.remove();
                    return 0;
                }
            }, null, "raw-load-");
        } finally {
            for (LeanPostConnection c : opened) {
                c.close();
            }
        }
    }

    /**
     * The sink core as its consumer drives it: batches of {@code bench.batch} UPSERT commands (one new user each;
     * default 50, the consumer's max.poll.records), the batch's own links read in one statement first and its new
     * links written in one statement at its end.
     */
    private static Step sinkLoad(Reconciler reconciler, LinkStore links, Counting counted, CpuMeter cpu, int threads,
                                 int seconds) throws Exception {
        return run(cpu, threads, seconds, () -> {
            List<ProvisioningCommand> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                batch.add(newUser());
            }
            if (BATCH == 1) {
                return reconciler.apply(batch.get(0)).get(0).status() == ProvisioningStatus.SUCCESS ? 1 : 0;
            }
            java.util.Map<String, LinkStore.Own> known = links.own(batch.stream().map(ProvisioningCommand::sourceObjectId).toList());
            BatchLinks pending = new BatchLinks(links);
            Reconciler inBatch = reconciler.with(pending);
            int ok = 0;
            for (ProvisioningCommand c : batch) {
                ok += inBatch.apply(c, known.get(c.sourceObjectId())).get(0).status() == ProvisioningStatus.SUCCESS ? 1 : 0;
            }
            pending.flush();
            return ok;
        }, counted, "sink-load-");
    }

    private static ProvisioningCommand newUser() {
        String id = UUID.randomUUID().toString();
        String userName = "sink-" + id;
        return new ProvisioningCommand(ProvisioningCommand.VERSION, id, id, "bench", CycleOrigin.INITIAL,
                ObjectType.USER, id, null, Operation.UPSERT,
                List.of(new TargetAttribute("userName", userName, AttributeFlow.ALWAYS, false),
                        new TargetAttribute("active", "True", AttributeFlow.ALWAYS, false),
                        new TargetAttribute("displayName", "Sink", AttributeFlow.ALWAYS, false),
                        new TargetAttribute("externalId", id, AttributeFlow.ALWAYS, false)),
                List.of(new MatchingAttribute("userName", userName, 1)), List.of(), Instant.now(), null);
    }

    /** One unit of load; returns how many writes succeeded. */
    interface Op {
        int call() throws Exception;
    }

    private static Step run(CpuMeter cpu, int threads, int seconds, Op op, Counting counted, String threadName)
            throws Exception {
        AtomicLong threadNo = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                r -> new Thread(r, threadName + threadNo.incrementAndGet()));
        AtomicLong ok = new AtomicLong();
        long requestsBefore = counted == null ? 0 : counted.requests.get();
        CpuMeter.Sample before = cpu.sample();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    ok.addAndGet(op.call());
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        CpuMeter.Usage used = cpu.sample().minus(before);
        pool.shutdown();
        long requests = counted == null ? ok.get() : counted.requests.get() - requestsBefore;
        return new Step(ok.get() / elapsed, requests / elapsed, ok.get(), used);
    }

    /** Counts the HTTP requests the sink sends (below the retry loop: every attempt). */
    static final class Counting implements ScimClient {
        private final ScimClient delegate;
        final AtomicLong requests = new AtomicLong();

        Counting(ScimClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public ScimResponse get(ResourceKind kind, String id) {
            requests.incrementAndGet();
            return delegate.get(kind, id);
        }

        @Override
        public ScimResponse findEq(ResourceKind kind, String attribute, String value) {
            requests.incrementAndGet();
            return delegate.findEq(kind, attribute, value);
        }

        @Override
        public ScimResponse create(ResourceKind kind, ObjectNode resource) {
            requests.incrementAndGet();
            return delegate.create(kind, resource);
        }

        @Override
        public ScimResponse patch(ResourceKind kind, String id, ObjectNode patchOp) {
            requests.incrementAndGet();
            return delegate.patch(kind, id, patchOp);
        }

        @Override
        public ScimResponse delete(ResourceKind kind, String id) {
            requests.incrementAndGet();
            return delegate.delete(kind, id);
        }
    }
}
