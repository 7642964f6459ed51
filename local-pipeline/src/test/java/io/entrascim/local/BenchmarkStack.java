package io.entrascim.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.entrascim.testkit.fastscim.FastScimTarget;
import io.entrascim.testkit.graph.DemoTenant;
import io.entrascim.testkit.graph.TenantSeed;
import tools.jackson.databind.JsonNode;

/**
 * The local stack as benchmarks and fault suites in other packages see it: a real Kafka broker process,
 * PostgreSQL, the demo tenant, the fast SCIM target and the four services as separate JVMs.
 */
public final class BenchmarkStack implements AutoCloseable {

    private final LocalStack stack;

    private BenchmarkStack(LocalStack stack) {
        this.stack = stack;
    }

    /**
     * @param root       the checkout (where the exec jars are)
     * @param dataDir    wiped first
     * @param seed       the demo tenant's credentials and paging (its counts are usually 0; {@code seeder} fills it)
     * @param seeder     fills the tenant before the services start
     * @param properties extra service properties by service name
     * @param partitions partitions of the auto-created topics
     */
    public static BenchmarkStack start(Path root, Path dataDir, TenantSeed seed, Consumer<DemoTenant> seeder,
                                       Map<String, Map<String, String>> properties, int partitions, Duration poll,
                                       PrintStream out) throws Exception {
        return start(root, dataDir, seed, seeder, properties, partitions, poll, Map.of(), out);
    }

    /** As above, with {@code instances} JVMs per service name (e.g. 2 mapper-service and 2 scim-sink; absent = 1). */
    public static BenchmarkStack start(Path root, Path dataDir, TenantSeed seed, Consumer<DemoTenant> seeder,
                                       Map<String, Map<String, String>> properties, int partitions, Duration poll,
                                       Map<String, Integer> instances, PrintStream out) throws Exception {
        LocalStackOptions options = new LocalStackOptions(root, dataDir, true, seed.users(), seed.groups(), null, null, null,
                poll, Ports.free(), LocalStackOptions.TargetKind.FAST);
        return new BenchmarkStack(LocalStack.start(options, new LocalStack.Tuning(seed, seeder, properties, partitions, instances), out));
    }

    /** The same view of a stack started elsewhere (a test's shared stack); closing the view stops that stack. */
    static BenchmarkStack of(LocalStack stack) {
        return new BenchmarkStack(stack);
    }

    public DemoTenant tenant() {
        return stack.tenant();
    }

    public FastScimTarget target() {
        return stack.fastTarget();
    }

    public String kafkaBootstrap() {
        return stack.kafkaBootstrap();
    }

    public String serviceUrl(String name) {
        return stack.service(name).baseUrl();
    }

    /** {@code POST /api/cycles/trigger} on source-connector; the HTTP status or -1. */
    public int triggerCycle() {
        return SourceControl.triggerCycle(serviceUrl("source-connector"));
    }

    /** Process ids of the four services and the broker, by name. */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        stack.services().forEach((name, p) -> pids.put(name, p.pid()));
        if (stack.broker() != null) {
            pids.put("kafka-broker", stack.broker().pid());
        }
        return pids;
    }

    /** kill -9 one service, start it again with the same configuration, wait until healthy; returns the new pid. */
    public long killAndRestart(String service) throws Exception {
        return stack.killAndRestart(service).pid();
    }

    /** Stops the broker process and starts it again on the same ports and data. */
    public void restartBroker() throws Exception {
        stack.restartBroker();
    }

    public boolean allAlive() {
        return stack.services().values().stream().allMatch(ServiceProcess::isAlive);
    }

    /** Log files of the services. */
    public Map<String, Path> logs() {
        Map<String, Path> logs = new LinkedHashMap<>();
        stack.services().forEach((name, p) -> logs.put(name, p.log()));
        return logs;
    }

    /** audit-service {@code GET /api/summary}, or null while it does not answer. */
    public JsonNode auditSummary() {
        return new AuditProbe(serviceUrl("audit-service"), stack.auditReaderToken()).summary();
    }

    /** Any GET of the audit API with the reader token (e.g. {@code /api/malformed-records?limit=50}), or null. */
    public JsonNode auditGet(String pathAndQuery) {
        return JsonHttp.get(serviceUrl("audit-service") + pathAndQuery, stack.auditReaderToken(), "application/json");
    }

    /** scim-sink {@code GET /api/dead-letters} (no operator token is set locally), or null. */
    public JsonNode sinkDeadLetters() {
        return JsonHttp.get(serviceUrl("scim-sink") + "/api/dead-letters?limit=1000", "local", "application/json");
    }

    /** audit-service log entries for one Entra object, or null. */
    public JsonNode auditEntries(String sourceId) {
        return new AuditProbe(serviceUrl("audit-service"), stack.auditReaderToken()).entriesFor(sourceId);
    }

    @Override
    public void close() {
        stack.close();
    }
}
