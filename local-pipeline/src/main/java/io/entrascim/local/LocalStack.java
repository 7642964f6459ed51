package io.entrascim.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.entrascim.testkit.fastscim.FastScimTarget;
import io.entrascim.testkit.graph.DemoTenant;
import io.entrascim.testkit.graph.TenantSeed;
import io.entrascim.testkit.scim.ScimTarget;

/**
 * The whole pipeline on one machine, started in dependency order and stopped in reverse: PostgreSQL,
 * Kafka, the stand-ins (unless external ones are configured), then the four services as separate
 * JVMs, each configured exactly as a deployment would configure it.
 */
final class LocalStack implements AutoCloseable {

    static final String JOB_ID = "scim.tanium-sso";
    /** What the launcher keeps under the data directory: PostgreSQL's data, the broker's log and config, the logs. */
    static final List<String> STATE_DIRECTORIES = List.of("postgres", "kafka", "logs");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(6); // 4 JVMs starting at once on a loaded shared 2-core machine took over 3 min

    private final LocalStackOptions options;
    private final Tuning tuning;
    private final PrintStream out;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final String auditReaderToken = randomToken("reader-");
    private final String auditOperatorToken = randomToken("operator-");
    private LocalDatabase database;
    private KafkaBrokerProcess broker;
    private DemoTenant tenant;
    private ScimTarget target;
    private FastScimTarget fastTarget;
    private String kafkaBootstrap;

    /**
     * What benchmarks and fault cases adjust beyond {@link LocalStackOptions}.
     *
     * @param seed       the demo tenant's seed instead of the one derived from the options (null = derived)
     * @param seeder     fills the demo tenant after it starts and before the services do (null = nothing)
     * @param properties extra service properties by service name, applied over the defaults
     * @param partitions partitions of auto-created topics on the started broker
     * @param instances  JVMs per service name (absent = 1): extra instances join the same consumer group on their own
     *                   port, named {@code <service>-2}, {@code <service>-3}, ...
     */
    record Tuning(TenantSeed seed, java.util.function.Consumer<DemoTenant> seeder, Map<String, Map<String, String>> properties,
                  int partitions, Map<String, Integer> instances) {

        static final Tuning NONE = new Tuning(null, null, Map.of(), 3);

        Tuning(TenantSeed seed, java.util.function.Consumer<DemoTenant> seeder, Map<String, Map<String, String>> properties,
               int partitions) {
            this(seed, seeder, properties, partitions, Map.of());
        }

        int instancesOf(String service) {
            int n = instances.getOrDefault(service, 1);
            if (n < 1) {
                throw new IllegalArgumentException("instances of " + service + " must be at least 1, got " + n);
            }
            return n;
        }
    }

    private LocalStack(LocalStackOptions options, Tuning tuning, PrintStream out) {
        this.options = options;
        this.tuning = tuning;
        this.out = out;
    }

    static LocalStack start(LocalStackOptions options, PrintStream out) throws Exception {
        return start(options, Tuning.NONE, out);
    }

    static LocalStack start(LocalStackOptions options, Tuning tuning, PrintStream out) throws Exception {
        LocalStack stack = new LocalStack(options, tuning, out);
        try {
            stack.startAll();
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        Ports ports = options.ports();
        Path data = options.dataDir();
        started.add(DataDirLock.acquire(data));
        if (options.startsFresh()) {
            // only what the launcher itself keeps there: a --data-dir given by hand may hold other files
            boolean earlierState = false;
            for (String part : STATE_DIRECTORIES) {
                earlierState |= Files.exists(data.resolve(part));
            }
            if (earlierState && options.implicitFreshReason() != null) {
                step(options.implicitFreshReason());
            }
            for (String part : STATE_DIRECTORIES) {
                deleteRecursively(data.resolve(part));
            }
        }
        Files.createDirectories(data);

        step("PostgreSQL on port " + ports.postgres());
        database = LocalDatabase.start(data.resolve("postgres"), ports.postgres(), List.of("audit", "scim_sink"));
        started.add(database);

        if (options.kafka() == null) {
            step("Kafka broker (KRaft) on port " + ports.kafka());
            broker = KafkaBrokerProcess.start(data.resolve("kafka"), ports.kafka(), ports.kafkaController(), tuning.partitions());
            started.add(broker);
            kafkaBootstrap = broker.bootstrapServers();
            PipelineTopics.create(kafkaBootstrap, tuning.partitions());
        } else {
            kafkaBootstrap = options.kafka();
        }

        if (options.graph() == null) {
            step("demo Entra tenant on port " + ports.tenant() + " (" + options.users() + " users, " + options.groups() + " groups)");
            TenantSeed seed = tuning.seed() != null ? tuning.seed() : TenantSeed.demo().withUsers(options.users())
                    .withGroups(options.groups()).withMemberships(Math.min(options.users() * 2, options.groups() * options.users()))
                    .withAssignedGroups(Math.min(3, options.groups())).withAssignedUsers(Math.min(20, options.users()));
            tenant = DemoTenant.start(ports.tenant(), seed);
            started.add(tenant);
            if (tuning.seeder() != null) {
                tuning.seeder().accept(tenant);
            }
        }
        ServiceSettings.LocalTarget local = null;
        if (options.scim() == null && options.targetKind() == LocalStackOptions.TargetKind.FAST) {
            step("fast SCIM 2.0 target on port " + ports.target());
            fastTarget = FastScimTarget.start(ports.target());
            started.add(fastTarget);
            local = new ServiceSettings.LocalTarget(fastTarget.baseUrl(), fastTarget.token());
        } else if (options.scim() == null) {
            step("SCIM 2.0 target on port " + ports.target());
            target = ScimTarget.start(ports.target());
            started.add(target);
            local = new ServiceSettings.LocalTarget(target.baseUrl(), target.token());
        }

        step("services: source-connector, mapper-service, scim-sink, audit-service");
        Path logs = data.resolve("logs");
        ServiceSettings settings = new ServiceSettings(options, kafkaBootstrap, database, tenant, local,
                auditReaderToken, auditOperatorToken);
        Set<Integer> taken = new HashSet<>(ports.all());
        for (ServiceSettings.Service s : settings.all()) {
            Map<String, String> properties = new LinkedHashMap<>(s.properties());
            properties.putAll(tuning.properties().getOrDefault(s.name(), Map.of()));
            // extra instances: same jar, group and properties, their own port and log
            for (int i = 1; i <= tuning.instancesOf(s.name()); i++) {
                String name = i == 1 ? s.name() : s.name() + "-" + i;
                int port = i == 1 ? s.port() : Ports.freePortOtherThan(taken);
                taken.add(port);
                ServiceProcess p = ServiceProcess.start(name, jar(s.name()), port, s.heap(), properties, s.secrets(), logs,
                        data.resolve("tmp").resolve(name));
                services.put(name, p);
                started.add(p);
            }
        }
        for (ServiceProcess p : services.values()) {
            p.awaitHealthy(START_TIMEOUT);
            step(p.name() + " is up at " + p.baseUrl() + " (pid " + p.pid() + ")");
        }
    }

    private Path jar(String module) {
        return options.repoRoot().resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT-exec.jar");
    }

    private void step(String message) {
        out.println("[run-local] " + message);
    }

    DemoTenant tenant() {
        return tenant;
    }

    /** The scim-sdk-server target, or null when the fast or an external one is used. */
    ScimTarget target() {
        return target;
    }

    /** The fast target ({@code --fast-target}), or null. */
    FastScimTarget fastTarget() {
        return fastTarget;
    }

    /** Kills one service with SIGKILL, starts it again with the same configuration and waits until it is healthy. */
    ServiceProcess killAndRestart(String name) throws Exception {
        ServiceProcess old = services.get(name);
        old.kill();
        ServiceProcess fresh = old.restart();
        services.put(name, fresh);
        started.set(started.indexOf(old), fresh);
        fresh.awaitHealthy(START_TIMEOUT);
        return fresh;
    }

    /** Stops the started broker (SIGTERM) and starts it again on the same ports and data directory. */
    void restartBroker() throws Exception {
        if (broker == null) {
            throw new IllegalStateException("the broker is external; nothing to restart");
        }
        int index = started.indexOf(broker);
        broker.close();
        broker = KafkaBrokerProcess.start(options.dataDir().resolve("kafka"), options.ports().kafka(),
                options.ports().kafkaController(), tuning.partitions());
        started.set(index, broker);
    }

    ServiceProcess service(String name) {
        return services.get(name);
    }

    Map<String, ServiceProcess> services() {
        return services;
    }

    KafkaBrokerProcess broker() {
        return broker;
    }

    String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    String scimBaseUrl() {
        return target != null ? target.baseUrl() : fastTarget != null ? fastTarget.baseUrl() : options.scim().baseUrl();
    }

    String scimToken() {
        return target != null ? target.token() : fastTarget != null ? fastTarget.token() : options.scim().token();
    }

    String auditReaderToken() {
        return auditReaderToken;
    }

    String auditOperatorToken() {
        return auditOperatorToken;
    }

    LocalStackOptions options() {
        return options;
    }

    private static String randomToken(String prefix) {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }

    /**
     * Deletes a stopped stack's data directory (tests leave none behind in the temporary directory: each holds a
     * PostgreSQL cluster); one that cannot be deleted is reported, not thrown, so it never fails a test that passed.
     */
    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            deleteRecursively(dir);
        } catch (IOException | RuntimeException e) {
            System.err.println("[run-local] could not delete " + dir + ": " + e);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Stops services first (so none of them sees its broker or database vanish mid-write), then the rest. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                out.println("[run-local] stopping " + started.get(i).getClass().getSimpleName() + " failed: " + e.getMessage());
            }
        }
        started.clear();
    }
}
