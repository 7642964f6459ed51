package io.entrascim.local.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.entrascim.local.BenchmarkStack;
import io.entrascim.testkit.fastscim.FastScimTarget;
import io.entrascim.testkit.graph.TenantSeed;
import io.entrascim.testkit.load.LeanPostLoad;
import tools.jackson.databind.json.JsonMapper;

/**
 * End-to-end benchmark of the whole pipeline (issue 8): real Kafka broker process, PostgreSQL, the four services as
 * separate JVMs, the demo tenant and the fast SCIM target. Run with {@code bin/benchmark [--users N ...]}; prints a
 * table and writes {@code local-pipeline/target/benchmark-results.json}.
 */
public final class PipelineBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private int users = 100_000;
    private int groups = 1_000;
    private int memberships = 50_000;
    private int changes = 1_000;
    private int partitions = 6;
    private int sinkConcurrency = 4;
    private int mapperConcurrency = 4;
    private int pageSize = 100;
    private int rawSeconds = 8;
    private static final int RAW_WARM_UP_SECONDS = 3;
    private int mapperInstances = 1;
    private int sinkInstances = 1;
    private int burstUsers = 200;
    private int burstRounds = 5;
    private Duration initialTimeout = Duration.ofMinutes(30);
    private Path out = Path.of("local-pipeline/target/benchmark-results.json");
    private boolean rawOnly;
    private boolean rawAfterCycle;
    private boolean coldBroker;
    private int brokerWarmUpSeconds = 40;
    private boolean coldStandIns;
    private int standInWarmUpSeconds = 20;

    private final PrintStream log = System.out;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final Map<String, Object> load = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        PipelineBenchmark b = new PipelineBenchmark();
        b.parse(args);
        int code = b.run();
        System.exit(code);
    }

    private void parse(String[] args) {
        Deque<String> q = new ArrayDeque<>(List.of(args));
        while (!q.isEmpty()) {
            String a = q.pop();
            switch (a) {
                case "--users" -> users = Integer.parseInt(q.pop());
                case "--groups" -> groups = Integer.parseInt(q.pop());
                case "--memberships" -> memberships = Integer.parseInt(q.pop());
                case "--changes" -> changes = Integer.parseInt(q.pop());
                case "--partitions" -> partitions = Integer.parseInt(q.pop());
                case "--sink-concurrency" -> sinkConcurrency = Integer.parseInt(q.pop());
                case "--mapper-concurrency" -> mapperConcurrency = Integer.parseInt(q.pop());
                case "--page-size" -> pageSize = Integer.parseInt(q.pop());
                case "--raw-seconds" -> rawSeconds = Integer.parseInt(q.pop());
                case "--initial-timeout" -> initialTimeout = Duration.parse(q.pop());
                case "--out" -> out = Path.of(q.pop());
                case "--mapper-instances" -> mapperInstances = Integer.parseInt(q.pop());
                case "--sink-instances" -> sinkInstances = Integer.parseInt(q.pop());
                case "--burst-users" -> burstUsers = Integer.parseInt(q.pop());
                case "--burst-rounds" -> burstRounds = Integer.parseInt(q.pop());
                case "--raw-only" -> rawOnly = true;
                case "--raw-after-cycle" -> rawAfterCycle = true;
                case "--cold-broker" -> coldBroker = true;
                case "--broker-warm-up-seconds" -> brokerWarmUpSeconds = Integer.parseInt(q.pop());
                case "--cold-stand-ins" -> coldStandIns = true;
                case "--stand-in-warm-up-seconds" -> standInWarmUpSeconds = Integer.parseInt(q.pop());
                default -> throw new IllegalArgumentException("unknown option " + a + "; options: --users N --groups N "
                        + "--memberships N --changes K --partitions P --sink-concurrency C --mapper-concurrency C --page-size S --raw-seconds S "
                        + "--initial-timeout PT30M --out FILE --mapper-instances N --sink-instances N --burst-users N (0 = no burst phase) "
                        + "--burst-rounds R --raw-only (only the target's raw capacity, no pipeline) --raw-after-cycle (the order of "
                        + "sessions 1-7: the raw capacity measured last, the cycle against a target whose code is still cold) "
                        + "--cold-broker (the order of sessions 1-9: no broker warm-up, the broker compiles its request path during "
                        + "the cycle) --broker-warm-up-seconds S --cold-stand-ins (the order of sessions 1-10: the demo tenant's and "
                        + "the target's code compiled during the cycle) --stand-in-warm-up-seconds S");
            }
        }
        if (groups < 1 || users < 1) {
            throw new IllegalArgumentException("--users and --groups must be at least 1");
        }
        if (mapperInstances < 1 || sinkInstances < 1) {
            throw new IllegalArgumentException("--mapper-instances and --sink-instances must be at least 1");
        }
        burstUsers = Math.min(burstUsers, users);
    }

    private int run() throws Exception {
        Path root = Path.of(System.getProperty("pipeline.root", ".")).toAbsolutePath().normalize();
        Path data = root.resolve("local-pipeline/target/bench-run");
        ExpectedTenant expected = new ExpectedTenant();
        load.put("start", ProcFigures.loadAverage());
        results.put("startedAt", Instant.now().toString());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("users", users);
        settings.put("groups", groups);
        settings.put("membershipsRequested", memberships);
        settings.put("partitions", partitions);
        settings.put("sinkConsumerConcurrency", sinkConcurrency);
        settings.put("mapperConsumerConcurrency", mapperConcurrency);
        settings.put("graphPageSize", pageSize);
        settings.put("mapperInstances", mapperInstances);
        settings.put("sinkInstances", sinkInstances);
        settings.put("syncScope", "all");
        settings.put("cpus", Runtime.getRuntime().availableProcessors());
        results.put("settings", settings);

        Map<String, Map<String, String>> props = new LinkedHashMap<>();
        // the initial cycle starts when the benchmark triggers it, with every stage up and assigned its partitions, so
        // that its time covers the whole pipeline: reading Graph and mapping included
        props.put("source-connector", Map.of("source.sync-scope", "all", "source.poll-enabled", "false"));
        // the binder's consumer concurrency: the mapper has no property of its own for it
        props.put("mapper-service", Map.of("mapper.assignment-scope", "all",
                "spring.cloud.stream.bindings.mapChanges-in-0.consumer.concurrency", Integer.toString(mapperConcurrency)));
        // the accidental-deletion guard is off: the incremental and ordering phases disable ~530 users within the hour,
        // which the guard would (rightly) hold for an operator
        props.put("scim-sink", Map.of("sink.rate-limit", "1000000", "sink.consumer-concurrency", Integer.toString(sinkConcurrency),
                "sink.create-first", "true", "sink.max-concurrency", "64", "sink.deletion-guard.enabled", "false"));
        settings.put("serviceProperties", props);

        if (rawOnly) {
            rawCapacity();
            Map<?, ?> raw = (Map<?, ?>) results.get("targetRawCapacity");
            log.printf("%n==== target raw capacity only (no pipeline), load average start %.2f ====%n", (Double) load.get("start"));
            row("target raw POST/s c=8 / c=32, JDK client", raw.get("c8PostsPerSecond") + " / " + raw.get("c32PostsPerSecond"));
            row("target raw POST/s c=8 / c=32, lean client", raw.get("c8LeanPostsPerSecond") + " / " + raw.get("c32LeanPostsPerSecond"));
            return 0;
        }
        if (!rawAfterCycle) {
            // Before the stack starts: the machine is idle, and the target's code (the same classes as the cycle's
            // target) is compiled before the cycle, as a real target's would be, instead of during it.
            rawCapacity();
        }
        settings.put("rawCapacityMeasured", rawAfterCycle ? "after the pipeline phases" : "before the stack started");
        long[] launched = new long[1];
        TenantSeed seed = TenantSeed.empty().withPageSize(pageSize);
        log.printf("[bench] seeding %d users, %d groups, %d memberships; load average %.2f%n", users, groups, memberships,
                ProcFigures.loadAverage());
        try (BenchmarkStack stack = BenchmarkStack.start(root, data, seed, tenant -> {
            expected.seed(tenant, users, groups, memberships);
            launched[0] = System.nanoTime();
        }, props, partitions, Duration.ofSeconds(30), Map.of("mapper-service", mapperInstances, "scim-sink", sinkInstances), log)) {
            FastScimTarget target = stack.target();
            settings.put("brokerWarmedUp", !coldBroker);
            if (!coldBroker) {
                warmUpBroker(stack);
            }
            settings.put("standInsWarmedUp", !coldStandIns);
            if (!coldStandIns) {
                warmUpStandIns();
            }
            long healthy = System.nanoTime();
            settings.put("membershipsSeeded", expected.membershipCount());
            int objects = users + groups + expected.membershipCount();
            AtomicLong firstWrite = new AtomicLong();
            target.onWrite(w -> firstWrite.compareAndSet(0, w.nanoTime()));
            Map<String, Long> pids = stack.pids();
            Map<String, Double> cpuAtHealthy = cpu(pids);
            long triggered = triggerInitialCycle(stack);

            boolean ok = initialCycle(stack, expected, objects, launched[0], healthy, triggered, firstWrite, pids);
            if (ok) {
                incremental(stack, expected);
                if (burstUsers > 0) {
                    bursts(stack, expected);
                }
            }
            if (rawAfterCycle) {
                rawCapacity();
            }
            ratios();
            processes(pids, cpuAtHealthy);
            results.put("audit", stack.auditSummary());
            results.put("loadAverage", load);
            report();
            return ok ? 0 : 1;
        }
    }

    // ---------------------------------------------------------------- initial cycle

    /** Waits until every stage's consumers hold their partitions, then starts the initial cycle; returns when. */
    private long triggerInitialCycle(BenchmarkStack stack) throws InterruptedException {
        long giveUp = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        // every consumer thread of every instance is a member (the audit's own concurrency is the service's default)
        Map<String, Integer> members = Map.of("mapper-service", mapperInstances * mapperConcurrency,
                "scim-sink", sinkInstances * sinkConcurrency);
        try (Backlog groups = new Backlog(stack.kafkaBootstrap())) {
            while (!groups.everyStageAssigned(members)) {
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("the consumer groups did not get their partitions within 2 minutes; logs: "
                            + stack.logs());
                }
                Thread.sleep(200);
            }
        }
        while (true) {
            long at = System.nanoTime();
            int status = stack.triggerCycle();
            if (status / 100 == 2) {
                log.printf("[bench] initial cycle triggered (HTTP %d), load %.2f%n", status, ProcFigures.loadAverage());
                return at;
            }
            if (System.nanoTime() > giveUp) {
                throw new IllegalStateException("source-connector did not accept the cycle trigger: HTTP " + status);
            }
            Thread.sleep(200);
        }
    }

    private boolean initialCycle(BenchmarkStack stack, ExpectedTenant expected, int objects, long launched, long healthy,
                                 long triggered, AtomicLong firstWrite, Map<String, Long> pids) throws InterruptedException {
        Map<String, Double> cpuAtStart = cpu(pids);
        Map<String, Long> jvms = new LinkedHashMap<>(pids);
        jvms.put("benchmark-jvm (tenant+target)", ProcessHandle.current().pid());
        JitCpuMeter jit = new JitCpuMeter(jvms);
        FastScimTarget target = stack.target();
        long requestsAtStart = target.requestCount();
        long deadline = System.nanoTime() + initialTimeout.toNanos();
        long lastLog = 0;
        long done = 0;
        List<Map<String, Object>> timeline = new ArrayList<>();
        Backlog backlog = new Backlog(stack.kafkaBootstrap());
        while (System.nanoTime() < deadline) {
            if (expected.countsReached(target)) {
                done = System.nanoTime();
                break;
            }
            if (!stack.allAlive()) {
                log.println("[bench] a service died; logs: " + stack.logs());
                break;
            }
            if (System.nanoTime() - lastLog > 5_000_000_000L) {
                lastLog = System.nanoTime();
                Map<String, long[]> b = backlog.sample();
                double load1 = ProcFigures.loadAverage();
                log.printf("[bench] %5.0f s  target %d users / %d groups / %d memberships (of %d / %d / %d)  load %.2f%n",
                        (lastLog - triggered) / 1e9, target.userCount(), target.groupCount(), target.membershipCount(),
                        users, groups, expected.membershipCount(), load1);
                log.println("[bench]          kafka: " + Backlog.format(b));
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("s", round((lastLog - triggered) / 1e9));
                point.put("users", target.userCount());
                point.put("groups", target.groupCount());
                point.put("memberships", target.membershipCount());
                point.put("load", load1);
                b.forEach((stage, v) -> point.put(stage, Map.of("in", v[0], "waiting", v[1])));
                timeline.add(point);
            }
            Thread.sleep(100);
        }
        backlog.close();
        jit.close();
        Map<String, Object> r = new LinkedHashMap<>();
        results.put("initialCycle", r);
        load.put("initialCycleEnd", ProcFigures.loadAverage());
        r.put("objects", objects);
        r.put("timeline", timeline);
        if (done == 0) {
            r.put("completed", false);
            r.put("reached", Map.of("users", target.userCount(), "groups", target.groupCount(),
                    "memberships", target.membershipCount()));
            r.put("differences", expected.differences(target));
            return false;
        }
        Map<String, Double> cpuAtDone = cpu(pids);
        Map<String, Double> jitInCycle = jit.secondsSoFar();
        double fromTrigger = (done - triggered) / 1e9;
        double fromFirstWrite = (done - firstWrite.get()) / 1e9;
        double fromHealthy = (done - healthy) / 1e9;
        double fromLaunch = (done - launched) / 1e9;
        long requests = target.requestCount() - requestsAtStart;
        r.put("completed", true);
        r.put("secondsFromTrigger", round(fromTrigger));
        r.put("secondsFromFirstScimWrite", round(fromFirstWrite));
        r.put("secondsFromServicesHealthy", round(fromHealthy));
        r.put("secondsFromServiceLaunch", round(fromLaunch));
        r.put("objectsPerSecond", round(objects / fromTrigger));
        r.put("scimRequests", requests);
        r.put("scimRequestsPerSecond", round(requests / fromTrigger));
        r.put("target409s", target.conflictCount());
        List<String> diffs = expected.differences(target);
        r.put("exactStateReached", diffs.isEmpty());
        r.put("differences", diffs);
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpuAtDone.forEach((k, v) -> cpu.put(k, round(v - cpuAtStart.getOrDefault(k, 0.0))));
        r.put("cpuSecondsDuringCycle", cpu);
        r.put("jitCompilerCpuSecondsDuringCycle", jitInCycle);
        log.printf("[bench] initial cycle: %d objects in %.1f s from the trigger (%.1f s from the first SCIM write), exact=%s%n",
                objects, fromTrigger, fromFirstWrite, diffs.isEmpty());
        return diffs.isEmpty();
    }

    // ---------------------------------------------------------------- incremental latency

    private void incremental(BenchmarkStack stack, ExpectedTenant expected) throws InterruptedException {
        FastScimTarget target = stack.target();
        Thread.sleep(3000); // let the tail of the initial cycle (audit, offsets) settle: measure an idle pipeline
        List<Long> all = new ArrayList<>();
        Map<String, List<Long>> byKind = new LinkedHashMap<>();
        int timeouts = 0;
        java.util.Random random = new java.util.Random(8);
        for (int i = 0; i < changes; i++) {
            String kind = switch (i % 3) {
                case 0 -> "attribute";
                case 1 -> "disable";
                default -> "groupJoin";
            };
            CompletableFuture<Long> seen = new CompletableFuture<>();
            BooleanSupplier condition;
            Runnable change;
            int u = Math.floorMod(i * 7919 + 13, users);
            String userId = expected.userIds.get(u);
            String upn = expected.upnById.get(userId);
            switch (kind) {
                case "attribute" -> {
                    String name = "Changed " + i + " \"quoted\" ✓";
                    expected.displayNames.put(upn, name);
                    condition = () -> target.userByUserName(upn).map(n -> name.equals(n.path("displayName").asString(null))).orElse(false);
                    change = () -> stack.tenant().updateUser(userId, Map.of("displayName", name));
                }
                case "disable" -> {
                    int d = users - 1 - (i / 3) % users;
                    String dId = expected.userIds.get(d);
                    String dUpn = expected.upnById.get(dId);
                    if (!expected.active.get(dUpn)) {
                        continue;
                    }
                    expected.active.put(dUpn, false);
                    condition = () -> target.userByUserName(dUpn).map(n -> !n.path("active").asBoolean(true)).orElse(false);
                    change = () -> stack.tenant().updateUser(dId, Map.of("accountEnabled", false));
                }
                default -> {
                    int g = groups == 1 ? 0 : 1 + random.nextInt(groups - 1);
                    String gName = "Demo Group " + g;
                    if (expected.members.get(gName).contains(upn)) {
                        continue;
                    }
                    expected.members.get(gName).add(upn);
                    String gTargetId = target.groupByDisplayName(gName).orElseThrow().path("id").asString();
                    String uTargetId = target.userByUserName(upn).orElseThrow().path("id").asString();
                    condition = () -> target.memberIds(gTargetId).contains(uTargetId);
                    change = () -> stack.tenant().addMember(expected.groupIds.get(g), userId);
                }
            }
            target.onWrite(w -> {
                if (!seen.isDone() && condition.getAsBoolean()) {
                    seen.complete(w.nanoTime());
                }
            });
            long start = System.nanoTime();
            change.run();
            stack.triggerCycle();
            try {
                long at = seen.get(30, TimeUnit.SECONDS);
                long micros = (at - start) / 1000;
                all.add(micros);
                byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(micros);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                timeouts++;
                log.println("[bench] change " + i + " (" + kind + ") not seen at the target within 30 s");
            }
            if ((i + 1) % 50 == 0) {
                log.printf("[bench] %d/%d changes, p50 so far %.0f ms, load %.2f%n", i + 1, changes,
                        percentile(all, 50) / 1000.0, ProcFigures.loadAverage());
            }
            Thread.sleep(50 + random.nextInt(200)); // spread over time; the pipeline is idle between changes
        }
        target.onWrite(null);
        Map<String, Object> r = new LinkedHashMap<>();
        results.put("incremental", r);
        load.put("incrementalEnd", ProcFigures.loadAverage());
        r.put("changes", all.size() + timeouts);
        r.put("timeouts", timeouts);
        r.put("trigger", "POST /api/cycles/trigger right after each change (polling off)");
        r.putAll(latency(all));
        Map<String, Object> kinds = new LinkedHashMap<>();
        byKind.forEach((k, v) -> kinds.put(k, latency(v)));
        r.put("byKind", kinds);
        // the final state must still be exact: every change applied, nothing else touched
        long deadline = System.nanoTime() + 30_000_000_000L;
        List<String> diffs = expected.differences(target);
        while (!diffs.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            diffs = expected.differences(target);
        }
        r.put("exactStateAfterChanges", diffs.isEmpty());
        r.put("differences", diffs);
    }

    // ---------------------------------------------------------------- per-object ordering

    /**
     * Bursts of successive changes to the same users: {@code burstRounds} renames, then a disable and an enable, each
     * round in its own delta cycle (the next round starts once the source has published the previous one, not when the
     * target has it), so several records of one object are in flight at once. Every object's records share a key, hence
     * a partition, hence one consumer thread of one instance: the target must end with the LAST value for every user.
     */
    private void bursts(BenchmarkStack stack, ExpectedTenant expected) throws InterruptedException {
        FastScimTarget target = stack.target();
        List<Integer> chosen = new ArrayList<>();
        int step = Math.max(1, users / burstUsers);
        for (int k = 0; chosen.size() < burstUsers && k < users; k += step) {
            chosen.add(k);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        results.put("ordering", r);
        r.put("users", chosen.size());
        r.put("rounds", burstRounds + " renames, then disable, then enable");
        long changesBefore;
        long rounds = 0;
        long start = System.nanoTime();
        try (Backlog backlog = new Backlog(stack.kafkaBootstrap())) {
            changesBefore = published(backlog);
            for (int round = 1; round <= burstRounds + 2; round++) {
                long before = published(backlog);
                int changed = 0;
                for (int k : chosen) {
                    String id = expected.userIds.get(k);
                    String upn = expected.upnById.get(id);
                    if (round <= burstRounds) {
                        String name = "Burst " + round + " of user " + k;
                        stack.tenant().updateUser(id, Map.of("displayName", name));
                        expected.displayNames.put(upn, name);
                        changed++;
                    } else {
                        boolean enable = round == burstRounds + 2;
                        if (expected.active.get(upn) != enable) {
                            changed++; // the incremental phase disabled some already: no change, no event
                        }
                        stack.tenant().updateUser(id, Map.of("accountEnabled", enable));
                        expected.active.put(upn, enable);
                    }
                }
                stack.triggerCycle();
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (published(backlog) - before < changed && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                rounds++;
            }
            r.put("changeEventsPublished", published(backlog) - changesBefore);
        }
        long deadline = System.nanoTime() + 120_000_000_000L;
        List<String> diffs = expected.differences(target);
        while (!diffs.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            diffs = expected.differences(target);
        }
        r.put("roundsPublished", rounds);
        r.put("secondsToExactState", round((System.nanoTime() - start) / 1e9));
        r.put("lastValueEverywhere", diffs.isEmpty());
        r.put("differences", diffs);
        log.printf("[bench] ordering: %d users x %d successive changes, last value everywhere=%s in %.1f s%n", chosen.size(),
                burstRounds + 2, diffs.isEmpty(), (System.nanoTime() - start) / 1e9);
    }

    /** Records published on entra.changes.v1 so far. */
    private static long published(Backlog backlog) {
        long[] v = backlog.sample().get("mapper-service");
        return v == null ? 0 : v[0];
    }

    private static Map<String, Object> latency(List<Long> micros) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", micros.size());
        m.put("p50Ms", round(percentile(micros, 50) / 1000.0));
        m.put("p95Ms", round(percentile(micros, 95) / 1000.0));
        m.put("p99Ms", round(percentile(micros, 99) / 1000.0));
        m.put("maxMs", round(percentile(micros, 100) / 1000.0));
        return m;
    }

    private static double percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(idx, sorted.size() - 1)));
    }

    // ---------------------------------------------------------------- raw target capacity

    /**
     * Plain concurrent POST /Users load on a second fast target in this JVM, with no pipeline running, from two load
     * generators: the JDK's HttpClient (the figure of earlier sessions) and {@link LeanPostLoad} (a wrk-like client that
     * leaves the target more of the two shared cores). The target's raw capacity is the best figure of either; the
     * ratio to the JDK client's best is kept beside it so runs of earlier sessions stay comparable.
     */
    private void rawCapacity() throws InterruptedException {
        Map<String, Object> r = new LinkedHashMap<>();
        results.put("targetRawCapacity", r);
        r.put("how", "POST /Users with unique userNames, " + rawSeconds + " s per level after " + RAW_WARM_UP_SECONDS
                + " s of warm-up, each level against a new fast target: 'jdk' = JDK HttpClient, one thread per connection; "
                + "'lean' = one blocking keep-alive socket per thread, Content-Length framing (LeanPostLoad)");
        double bestJdk = 0;
        double bestLean = 0;
        for (int c : new int[] {8, 32}) {
            bestJdk = Math.max(bestJdk, rawLevel(r, "jdk", c));
        }
        for (int c : new int[] {8, 32}) {
            bestLean = Math.max(bestLean, rawLevel(r, "lean", c));
        }
        double best = Math.max(bestJdk, bestLean);
        r.put("bestJdkPostsPerSecond", round(bestJdk));
        r.put("bestLeanPostsPerSecond", round(bestLean));
        r.put("bestPostsPerSecond", round(best));
        load.put("rawCapacityEnd", ProcFigures.loadAverage());
    }

    /** The pipeline's throughput in the initial cycle as a ratio to the target's raw capacity. */
    @SuppressWarnings("unchecked")
    private void ratios() {
        Map<String, Object> r = (Map<String, Object>) results.get("targetRawCapacity");
        double best = (Double) r.get("bestPostsPerSecond");
        double bestJdk = (Double) r.get("bestJdkPostsPerSecond");
        Object ic = results.get("initialCycle");
        if (ic instanceof Map<?, ?> m && m.get("scimRequestsPerSecond") instanceof Double rps && best > 0) {
            double objects = (Double) m.get("objectsPerSecond");
            r.put("pipelineScimRequestsPerSecondRatio", round(rps / best));
            r.put("pipelineObjectsPerSecondRatio", round(objects / best));
            r.put("pipelineObjectsPerSecondRatioToJdkClient", round(objects / bestJdk));
        }
    }

    /** One load level against a new fast target; returns created/s and records it as {@code c<N><Kind>PostsPerSecond}. */
    private double rawLevel(Map<String, Object> r, String kind, int c) throws InterruptedException {
        try (FastScimTarget raw = FastScimTarget.start(0)) {
            // The first seconds warm the client and the new target up (JIT, connections) and are not counted: a
            // cold count varied by half between runs, and a low figure flatters the pipeline's ratio to it.
            long measureFrom = System.nanoTime() + RAW_WARM_UP_SECONDS * 1_000_000_000L;
            long end = measureFrom + rawSeconds * 1_000_000_000L;
            LeanPostLoad.Counts counts = kind.equals("lean")
                    ? LeanPostLoad.run(raw.baseUrl(), raw.token(), c, measureFrom, end)
                    : jdkClientLoad(raw, c, measureFrom, end);
            double perSecond = counts.created() / (double) rawSeconds;
            String name = kind.equals("lean") ? "Lean" : "";
            r.put("c" + c + name + "PostsPerSecond", round(perSecond));
            r.put("c" + c + name + "Failed", counts.failed());
            log.printf("[bench] raw target capacity (%s client) c=%d: %.0f POST/s, %d failed (load %.2f)%n", kind, c,
                    perSecond, counts.failed(), ProcFigures.loadAverage());
            return perSecond;
        }
    }

    private static LeanPostLoad.Counts jdkClientLoad(FastScimTarget raw, int c, long measureFrom, long end)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong created = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        LeanPostLoad.onThreads(c, "jdk-load-", thread -> {
            long i = 0;
            while (System.nanoTime() < end) {
                String body = LeanPostLoad.rawUser("raw-" + thread + "-" + (i++));
                HttpRequest req = HttpRequest.newBuilder(URI.create(raw.baseUrl() + "/Users"))
                        .header("Authorization", "Bearer " + raw.token())
                        .header("Content-Type", "application/scim+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                try {
                    boolean ok = http.send(req, HttpResponse.BodyHandlers.ofByteArray()).statusCode() == 201;
                    if (System.nanoTime() >= measureFrom) {
                        (ok ? created : failed).incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            }
        });
        return new LeanPostLoad.Counts(created.get(), failed.get());
    }

    // ---------------------------------------------------------------- processes

    private Map<String, Double> cpu(Map<String, Long> pids) {
        Map<String, Double> m = new LinkedHashMap<>();
        pids.forEach((name, pid) -> m.put(name, ProcFigures.cpuSeconds(pid)));
        m.put("postgres", postgres().stream().mapToDouble(ProcFigures::cpuSeconds).sum());
        m.put("benchmark-jvm (tenant+target)", ProcFigures.cpuSeconds(ProcessHandle.current().pid()));
        return m;
    }

    private void warmUpBroker(BenchmarkStack stack) throws Exception {
        log.printf("[bench] warming the broker up for %d s (--cold-broker skips this), load %.2f%n", brokerWarmUpSeconds,
                ProcFigures.loadAverage());
        Map<String, Object> w = new BrokerWarmUp(stack.kafkaBootstrap(), stack.pids().get("kafka-broker"), partitions)
                .run(Duration.ofSeconds(brokerWarmUpSeconds), Duration.ofSeconds(60));
        results.put("brokerWarmUp", w);
        log.printf("[bench] broker warm-up: %s%n", w);
    }

    private void warmUpStandIns() throws Exception {
        log.printf("[bench] warming the demo tenant's and the SCIM target's code up for %d s (--cold-stand-ins skips this), "
                + "load %.2f%n", standInWarmUpSeconds, ProcFigures.loadAverage());
        Map<String, Object> w = new StandInWarmUp(pageSize).run(Duration.ofSeconds(standInWarmUpSeconds), Duration.ofSeconds(60));
        results.put("standInWarmUp", w);
        log.printf("[bench] stand-in warm-up: %s%n", w);
    }

    private static List<Long> postgres() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p -> p.info().commandLine().map(c -> c.contains("bench-run")).orElse(false)
                        || p.parent().map(ProcessHandle::info).flatMap(ProcessHandle.Info::commandLine)
                        .map(c -> c.contains("bench-run")).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    private void processes(Map<String, Long> pids, Map<String, Double> cpuAtHealthy) {
        Map<String, Object> r = new LinkedHashMap<>();
        Map<String, Long> all = new LinkedHashMap<>(pids);
        all.put("benchmark-jvm (tenant+target)", ProcessHandle.current().pid());
        all.forEach((name, pid) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("peakRssMib", ProcFigures.peakRssMib(pid));
            p.put("cpuSecondsTotal", round(ProcFigures.cpuSeconds(pid)));
            p.put("cpuSecondsSinceHealthy", round(ProcFigures.cpuSeconds(pid) - cpuAtHealthy.getOrDefault(name, 0.0)));
            r.put(name, p);
        });
        List<Long> pg = postgres();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("processes", pg.size());
        p.put("peakRssMibLargest", pg.stream().mapToLong(ProcFigures::peakRssMib).max().orElse(-1));
        double pgCpu = pg.stream().mapToDouble(ProcFigures::cpuSeconds).sum();
        p.put("cpuSecondsTotal", round(pgCpu));
        p.put("cpuSecondsSinceHealthy", round(pgCpu - cpuAtHealthy.getOrDefault("postgres", 0.0)));
        r.put("postgres", p);
        results.put("processes", r);
    }

    // ---------------------------------------------------------------- report

    @SuppressWarnings("unchecked")
    private void report() throws Exception {
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        log.println();
        log.println("==== pipeline benchmark ====");
        log.printf("tenant: %d users, %d groups, %s memberships (sync scope all); load average start %.2f%n", users, groups,
                ((Map<String, Object>) results.get("settings")).get("membershipsSeeded"), (Double) load.get("start"));
        log.printf("instances: mapper-service %d, scim-sink %d; %d partitions; consumer threads per instance: mapper %d, sink %d%n",
                mapperInstances, sinkInstances, partitions, mapperConcurrency, sinkConcurrency);
        Map<String, Object> ic = (Map<String, Object>) results.get("initialCycle");
        log.printf("%-44s %s%n", "initial cycle completed / exact", ic.get("completed") + " / " + ic.get("exactStateReached"));
        row("initial cycle s (trigger -> exact)", ic.get("secondsFromTrigger"));
        row("initial cycle s (first SCIM write -> exact)", ic.get("secondsFromFirstScimWrite"));
        row("objects/s end to end", ic.get("objectsPerSecond"));
        row("SCIM requests/s during the cycle", ic.get("scimRequestsPerSecond"));
        row("load average at end of initial cycle", load.get("initialCycleEnd"));
        Map<String, Object> inc = (Map<String, Object>) results.get("incremental");
        if (inc != null) {
            row("incremental changes (timeouts)", inc.get("changes") + " (" + inc.get("timeouts") + ")");
            row("incremental p50 / p95 / p99 / max ms", inc.get("p50Ms") + " / " + inc.get("p95Ms") + " / " + inc.get("p99Ms")
                    + " / " + inc.get("maxMs"));
            row("exact state after changes", inc.get("exactStateAfterChanges"));
            row("load average at end of incremental", load.get("incrementalEnd"));
        }
        Map<String, Object> ord = (Map<String, Object>) results.get("ordering");
        if (ord != null) {
            row("ordering: users x successive changes", ord.get("users") + " x " + (burstRounds + 2) + " ("
                    + ord.get("changeEventsPublished") + " change events)");
            row("ordering: last value everywhere (s)", ord.get("lastValueEverywhere") + " (" + ord.get("secondsToExactState") + ")");
        }
        Map<String, Object> raw = (Map<String, Object>) results.get("targetRawCapacity");
        row("target raw POST/s c=8 / c=32, JDK client", raw.get("c8PostsPerSecond") + " / " + raw.get("c32PostsPerSecond"));
        row("target raw POST/s c=8 / c=32, lean client", raw.get("c8LeanPostsPerSecond") + " / " + raw.get("c32LeanPostsPerSecond"));
        row("pipeline SCIM req/s : raw capacity", raw.get("pipelineScimRequestsPerSecondRatio"));
        row("pipeline objects/s : raw capacity", raw.get("pipelineObjectsPerSecondRatio"));
        row("  the same : JDK client's best (as before)", raw.get("pipelineObjectsPerSecondRatioToJdkClient"));
        Map<String, Object> inCycle = ic.containsKey("cpuSecondsDuringCycle")
                ? (Map<String, Object>) ic.get("cpuSecondsDuringCycle") : Map.of();
        Map<String, Object> jitInCycle = ic.containsKey("jitCompilerCpuSecondsDuringCycle")
                ? (Map<String, Object>) ic.get("jitCompilerCpuSecondsDuringCycle") : Map.of();
        log.printf("%-32s %12s %14s %14s %12s %12s%n", "process", "peak RSS MiB", "CPU s total", "CPU s cycle+", "CPU s cycle",
                "of it JIT");
        ((Map<String, Object>) results.get("processes")).forEach((name, v) -> {
            Map<String, Object> p = (Map<String, Object>) v;
            Object rss = p.containsKey("peakRssMib") ? p.get("peakRssMib") : p.get("peakRssMibLargest");
            log.printf("%-32s %12s %14s %14s %12s %12s%n", name, rss, p.get("cpuSecondsTotal"), p.get("cpuSecondsSinceHealthy"),
                    inCycle.getOrDefault(name, "-"), jitInCycle.getOrDefault(name, "-"));
        });
        log.println("results: " + out.toAbsolutePath());
    }

    private void row(String label, Object value) {
        log.printf("%-44s %s%n", label, value);
    }

    private static double round(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? -1 : Math.round(v * 100) / 100.0;
    }
}
