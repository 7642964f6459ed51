package io.entrascim.local.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.entrascim.local.BenchmarkStack;
import io.entrascim.testkit.fastscim.FastScimTarget;
import io.entrascim.testkit.graph.TenantSeed;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The slow fault cases of issue 8 ({@code bin/fault-suite}): for each case a fresh stack (real broker process,
 * PostgreSQL, four service JVMs, fast target, sync scope all), the fault injected mid-initial-cycle, then the target's
 * whole state compared with the expected one and the audit log checked (no FAILURE, every sampled user has a
 * successful SCIM_SINK result). Writes {@code local-pipeline/target/fault-suite-results.json}.
 */
public final class FaultSuite {

    private static final List<String> CASES = List.of("kill-source-connector", "kill-mapper-service", "kill-scim-sink",
            "kill-audit-service", "restart-broker");

    private final PrintStream log = System.out;
    private int users = 3000;
    private int groups = 30;
    private int memberships = 1500;
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
                case "--cases" -> suite.cases = List.of(q.pop().split(","));
                default -> throw new IllegalArgumentException("unknown option " + a + "; options: --users --groups --memberships "
                        + "--cases " + String.join(",", CASES));
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
            Files.writeString(out, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(results));
        }
        log.println();
        log.println("==== fault suite (" + users + " users, " + groups + " groups, " + memberships + " memberships) ====");
        results.forEach((c, r) -> log.printf("%-24s %s%n", c, r));
        return allPassed;
    }

    private Map<String, Object> runCase(Path root, String name) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        ExpectedTenant expected = new ExpectedTenant();
        Map<String, Map<String, String>> props = Map.of(
                "source-connector", Map.of("source.sync-scope", "all"),
                "mapper-service", Map.of("mapper.assignment-scope", "all",
                        "spring.cloud.stream.bindings.mapChanges-in-0.consumer.concurrency", "3"),
                "scim-sink", Map.of("sink.rate-limit", "1000000", "sink.create-first", "true", "sink.consumer-concurrency", "3"));
        log.println("[fault] case " + name + ": starting a fresh stack, load " + ProcFigures.loadAverage());
        try (BenchmarkStack stack = BenchmarkStack.start(root, root.resolve("local-pipeline/target/fault-run"),
                TenantSeed.empty(), t -> expected.seed(t, users, groups, memberships), props, 6, Duration.ofSeconds(30), log)) {
            FastScimTarget target = stack.target();
            long t0 = System.nanoTime();
            // mid-initial-cycle: a fifth of the users provisioned
            while (target.userCount() < users / 5 && System.nanoTime() - t0 < 300_000_000_000L) {
                Thread.sleep(20);
            }
            r.put("usersAtFault", target.userCount());
            long f0 = System.nanoTime();
            if (name.equals("restart-broker")) {
                stack.restartBroker();
            } else {
                stack.killAndRestart(name.substring("kill-".length()));
            }
            r.put("faultAndRestartSeconds", Math.round((System.nanoTime() - f0) / 1e7) / 100.0);
            log.println("[fault] " + name + " injected at " + r.get("usersAtFault") + " users; waiting for the exact state");
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            List<String> diffs = expected.differences(target);
            while (!diffs.isEmpty() && System.nanoTime() < deadline) {
                if (!expected.countsReached(target)) {
                    Thread.sleep(500);
                }
                diffs = expected.differences(target);
            }
            r.put("secondsToExactState", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
            r.put("exactState", diffs.isEmpty());
            r.put("differences", diffs);
            r.put("target409s", target.conflictCount());
            List<String> auditProblems = auditProblems(stack, expected);
            r.put("auditProblems", auditProblems);
            r.put("passed", diffs.isEmpty() && auditProblems.isEmpty());
            r.put("load", ProcFigures.loadAverage());
        } catch (Exception e) {
            r.put("passed", false);
            r.put("error", e.toString());
        }
        log.println("[fault] " + name + ": " + r);
        return r;
    }

    /**
     * Once every stage has committed everything it was sent (a killed consumer's partitions come back only after its
     * session times out): no FAILURE result, and every 30th user has a successful SCIM_SINK result.
     */
    private List<String> auditProblems(BenchmarkStack stack, ExpectedTenant expected) throws InterruptedException {
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
        if (failures > 0) {
            problems.add(failures + " FAILURE result(s): " + summary.path("byStatus"));
        }
        for (int i = 0; i < expected.userIds.size(); i += 30) {
            String id = expected.userIds.get(i);
            JsonNode page = stack.auditEntries(id);
            boolean ok = false;
            if (page != null) {
                for (JsonNode e : page.path("items")) {
                    ok |= e.path("reportedBy").asString().equalsIgnoreCase("SCIM_SINK")
                            && e.path("status").asString().equalsIgnoreCase("SUCCESS");
                }
            }
            if (!ok) {
                problems.add("no successful SCIM_SINK result for " + expected.upnById.get(id));
                if (problems.size() > 10) {
                    break;
                }
            }
        }
        return problems;
    }
}
