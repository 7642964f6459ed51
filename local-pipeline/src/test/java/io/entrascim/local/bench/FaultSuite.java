package io.entrascim.local.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.entrascim.local.BenchmarkStack;
import io.entrascim.testkit.fastscim.FastScimTarget;
import io.entrascim.testkit.graph.DemoTenant;
import io.entrascim.testkit.graph.TenantSeed;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The slow fault cases of issue 8 ({@code bin/fault-suite}): for each case a fresh stack (real broker process,
 * PostgreSQL, four service JVMs, fast target, sync scope all), the fault injected mid-initial-cycle (a fifth of the
 * users in the target), then the target's whole state compared with the expected one, the case's own checks, and the
 * audit log checked (no FAILURE but the ones the case provokes; exactly one CREATE SUCCESS from scim-sink per user and
 * group, counted over the log and read for every 30th user).
 * Writes {@code local-pipeline/target/fault-suite-results.json}.
 */
public final class FaultSuite {

    static final List<String> CASES = List.of("kill-source-connector", "kill-mapper-service", "kill-scim-sink",
            "kill-audit-service", "restart-broker", "target-storm", "malformed-each-topic", "long-expression", "big-group");
    /** Graph member JSON is ~84 bytes per GUID member: 62,000 members are 5.21 MB (4.97 MiB), 63,000 are 5.29 MB (5.05 MiB). */
    static final int FIVE_MIB_MEMBERS = 63_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final PrintStream log = System.out;
    private int users = 3000;
    private int groups = 30;
    private int memberships = 1500;
    private int stormSeconds = 30;
    private int bigGroupMembers = FIVE_MIB_MEMBERS;
    private List<String> cases = CASES;

    public static void main(String[] args) throws Exception {
        FaultSuite suite = new FaultSuite();
        Deque<String> q = new ArrayDeque<>(List.of(args));
        while (!q.isEmpty()) {
            String a = q.pop();
            switch (a) {
                case "--users" -> suite.users = Integer.parseInt(q.pop());
                case "--groups" -> suite.groups = Integer.parseInt(q.pop());
                case "--memberships" -> suite.memberships = Integer.parseInt(q.pop());
                case "--storm-seconds" -> suite.stormSeconds = Integer.parseInt(q.pop());
                case "--big-group-members" -> suite.bigGroupMembers = Integer.parseInt(q.pop());
                case "--cases" -> suite.cases = List.of(q.pop().split(","));
                default -> throw new IllegalArgumentException("unknown option " + a + "; options: --users --groups --memberships "
                        + "--storm-seconds S (each of the 429/503/slow phases) --big-group-members N --cases " + String.join(",", CASES));
            }
        }
        for (String c : suite.cases) {
            if (!CASES.contains(c)) {
                throw new IllegalArgumentException("unknown case " + c + "; cases: " + String.join(",", CASES));
            }
        }
        System.exit(suite.run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        Path root = Path.of(System.getProperty("pipeline.root", ".")).toAbsolutePath().normalize();
        Map<String, Object> results = new LinkedHashMap<>();
        boolean allPassed = true;
        for (String c : cases) {
            Map<String, Object> r = runCase(root, c);
            results.put(c, r);
            allPassed &= Boolean.TRUE.equals(r.get("passed"));
            Path out = root.resolve("local-pipeline/target/fault-suite-results.json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        }
        log.println();
        log.println("==== fault suite (" + users + " users, " + groups + " groups, " + memberships + " memberships) ====");
        log.printf("%-22s %-6s %-6s %9s %9s %6s  %s%n", "case", "passed", "exact", "fault->ok", "start->ok", "load", "notes");
        results.forEach((c, v) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) v;
            List<Object> notes = new ArrayList<>();
            for (String k : List.of("error", "differences", "auditProblems", "checkProblems")) {
                if (r.get(k) instanceof List<?> l && !l.isEmpty() || r.get(k) instanceof String) {
                    notes.add(k + "=" + r.get(k));
                }
            }
            log.printf("%-22s %-6s %-6s %9s %9s %6s  %s%n", c, r.get("passed"), r.get("exactState"),
                    r.get("secondsFromFaultToExactState"), r.get("secondsToExactState"), r.get("load"), notes);
        });
        return allPassed;
    }

    private Map<String, Object> runCase(Path root, String name) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        ExpectedTenant expected = new ExpectedTenant();
        Map<String, Map<String, String>> props = new LinkedHashMap<>();
        props.put("source-connector", Map.of("source.sync-scope", "all"));
        Map<String, String> mapper = new LinkedHashMap<>(Map.of("mapper.assignment-scope", "all",
                "spring.cloud.stream.bindings.mapChanges-in-0.consumer.concurrency", "3"));
        props.put("mapper-service", mapper);
        props.put("scim-sink", Map.of("sink.rate-limit", "1000000", "sink.create-first", "true", "sink.consumer-concurrency", "3"));
        Path dataDir = root.resolve("local-pipeline/target/fault-run");
        LongExpression expression = null;
        int seedUsers = users;
        if (name.equals("long-expression")) {
            expression = new LongExpression(10_000);
            Path schema = root.resolve("local-pipeline/target/fault-long-expression-schema.yaml");
            Files.writeString(schema, expression.conciseSchema());
            mapper.put("mapper.schema-location", schema.toString());
            r.put("expressionCharacters", expression.expression().length());
            r.put("schema", schema.toString());
        }
        if (name.equals("big-group")) {
            seedUsers = Math.max(users, bigGroupMembers);
        }
        int u = seedUsers;
        Consumer<DemoTenant> seeder = t -> {
            expected.seed(t, u, groups, memberships);
            if (name.equals("big-group")) {
                long bytes = expected.seedBigGroup(t, "Big Group", bigGroupMembers);
                r.put("bigGroupMembers", bigGroupMembers);
                r.put("bigGroupGraphMemberJsonBytes", bytes);
                r.put("bigGroupGraphMemberJsonMiB", Math.round(bytes / 1048.576) / 1000.0);
            }
        };
        log.println("[fault] case " + name + ": starting a fresh stack, load " + ProcFigures.loadAverage());
        try (BenchmarkStack stack = BenchmarkStack.start(root, dataDir, TenantSeed.empty(), seeder, props, 6,
                Duration.ofSeconds(30), log)) {
            FastScimTarget target = stack.target();
            long t0 = System.nanoTime();
            // mid-initial-cycle: a fifth of the users provisioned
            while (target.userCount() < seedUsers / 5 && System.nanoTime() - t0 < 600_000_000_000L) {
                Thread.sleep(20);
            }
            r.put("usersAtFault", target.userCount());
            long f0 = System.nanoTime();
            Malformed malformed = null;
            switch (name) {
                case "restart-broker" -> stack.restartBroker();
                case "target-storm" -> storm(target);
                case "malformed-each-topic" -> {
                    malformed = new Malformed(new TopicTool(stack.kafkaBootstrap()));
                    malformed.produceAll();
                }
                case "long-expression", "big-group" -> { } // the load itself is the case
                default -> stack.killAndRestart(name.substring("kill-".length()));
            }
            r.put("faultAndRestartSeconds", seconds(System.nanoTime() - f0));
            log.println("[fault] " + name + " injected at " + r.get("usersAtFault") + " users; waiting for the exact state");
            long objects = (long) seedUsers + groups + expected.membershipCount();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).plusSeconds(3L * stormSeconds + objects / 200).toNanos();
            List<String> diffs = expected.differences(target);
            while ((!diffs.isEmpty() || target.faults().pending()) && System.nanoTime() < deadline) {
                if (!expected.countsReached(target) || target.faults().pending()) {
                    Thread.sleep(500);
                }
                diffs = expected.differences(target);
            }
            long done = System.nanoTime();
            r.put("secondsToExactState", seconds(done - t0));
            r.put("secondsFromFaultToExactState", seconds(done - f0));
            r.put("exactState", diffs.isEmpty());
            r.put("differences", diffs);
            r.put("target409s", target.conflictCount());
            List<String> checks = new ArrayList<>();
            int expectedFailures = 0;
            switch (name) {
                case "target-storm" -> {
                    r.put("stormAnswers", Map.of("status", target.faults().statusAnswers(), "slow", target.faults().slowAnswers()));
                    checks.addAll(nothingDeadLettered(stack));
                }
                case "malformed-each-topic" -> {
                    checks.addAll(malformed.parkedWithHeaders());
                    checks.addAll(malformed.audited(stack));
                    expectedFailures = malformed.count();
                }
                case "long-expression" -> checks.addAll(expression.check(target, expected));
                case "big-group" -> {
                    // the exact comparison above already covers its members; say so explicitly in the results
                    r.put("bigGroupMembersAtTarget", target.snapshot().memberNames().getOrDefault("Big Group", java.util.Set.of()).size());
                }
                default -> { }
            }
            r.put("checkProblems", checks);
            List<String> auditProblems = auditProblems(stack, expected, expectedFailures);
            r.put("auditProblems", auditProblems);
            r.put("passed", diffs.isEmpty() && checks.isEmpty() && auditProblems.isEmpty());
            r.put("load", ProcFigures.loadAverage());
        } catch (Exception e) {
            r.put("passed", false);
            r.put("error", e.toString());
            e.printStackTrace(log);
        }
        log.println("[fault] " + name + ": " + r);
        return r;
    }

    /**
     * A throttling storm, as a SaaS target under load answers: 429 with {@code Retry-After: 1} for the storm period,
     * then 503 (no Retry-After) for as long, then slow answers (300-800 ms) for as long.
     */
    private void storm(FastScimTarget target) {
        Duration phase = Duration.ofSeconds(stormSeconds);
        target.faults()
                .between(Duration.ZERO, phase, io.entrascim.testkit.fastscim.TargetFaults.Fault.status(429, Duration.ofSeconds(1)))
                .between(phase, phase, io.entrascim.testkit.fastscim.TargetFaults.Fault.status(503, null))
                .between(phase.multipliedBy(2), phase, io.entrascim.testkit.fastscim.TargetFaults.Fault.slow(
                        Duration.ofMillis(300), Duration.ofMillis(800)));
    }

    private static List<String> nothingDeadLettered(BenchmarkStack stack) {
        List<String> problems = new ArrayList<>();
        long dlt = new TopicTool(stack.kafkaBootstrap()).size(io.entrascim.contracts.Topics.deadLetterOf(io.entrascim.contracts.Topics.COMMANDS));
        if (dlt != 0) {
            problems.add(dlt + " record(s) on scim.commands.v1.dlt");
        }
        JsonNode dl = stack.sinkDeadLetters();
        if (dl == null) {
            problems.add("scim-sink GET /api/dead-letters did not answer");
        } else if (!dl.path("items").isEmpty()) {
            problems.add(dl.path("items").size() + " dead letter(s) listed by scim-sink, first " + dl.path("items").get(0));
        }
        return problems;
    }

    /**
     * Once every stage has committed everything it was sent (a killed consumer's partitions come back only after its
     * session times out): exactly {@code expectedFailures} FAILURE results, and every 30th user has a successful
     * SCIM_SINK result.
     */
    private List<String> auditProblems(BenchmarkStack stack, ExpectedTenant expected, int expectedFailures) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        try (Backlog backlog = new Backlog(stack.kafkaBootstrap())) {
            while (System.nanoTime() < deadline) {
                Map<String, long[]> b = backlog.sample();
                if (b.size() == 3 && b.values().stream().allMatch(v -> v[0] > 0 && v[1] == 0)) {
                    break;
                }
                Thread.sleep(1000);
            }
        }
        JsonNode summary = stack.auditSummary();
        if (summary == null) {
            return List.of("audit summary unavailable");
        }
        long failures = summary.path("byStatus").path("FAILURE").asLong(0);
        if (failures != expectedFailures) {
            problems.add(failures + " FAILURE result(s), expected " + expectedFailures + ": " + summary.path("byStatus"));
        }
        // The target started empty: the sink created every user and group once, and the log must say so once each, even
        // when the sink was killed between a create and its result (the redelivered command reports that create).
        JsonNode creates = stack.auditGet("/api/summary?reportedBy=scim_sink&action=CREATE&status=SUCCESS");
        long expectedCreates = expected.userIds.size() + expected.groupIds.size();
        long created = creates == null ? -1 : creates.path("total").asLong(-1);
        if (created != expectedCreates) {
            problems.add(created + " CREATE SUCCESS result(s) from scim-sink, expected " + expectedCreates
                    + " (one per user and group)");
        }
        for (int i = 0; i < expected.userIds.size(); i += 30) {
            String id = expected.userIds.get(i);
            JsonNode page = stack.auditEntries(id);
            int createdOnce = 0;
            if (page != null) {
                for (JsonNode e : page.path("items")) {
                    createdOnce += e.path("reportedBy").asString().equalsIgnoreCase("SCIM_SINK")
                            && e.path("action").asString().equalsIgnoreCase("CREATE")
                            && e.path("status").asString().equalsIgnoreCase("SUCCESS") ? 1 : 0;
                }
            }
            if (createdOnce != 1) {
                problems.add(createdOnce + " CREATE SUCCESS result(s) from scim-sink for " + expected.upnById.get(id)
                        + ", expected 1");
                if (problems.size() > 10) {
                    break;
                }
            }
        }
        return problems;
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e7) / 100.0;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
