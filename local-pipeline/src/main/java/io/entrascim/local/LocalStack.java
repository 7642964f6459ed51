package io.entrascim.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final LocalStackOptions options;
    private final PrintStream out;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final String auditReaderToken = randomToken("reader-");
    private final String auditOperatorToken = randomToken("operator-");
    private LocalDatabase database;
    private KafkaBrokerProcess broker;
    private DemoTenant tenant;
    private ScimTarget target;
    private String kafkaBootstrap;

    private LocalStack(LocalStackOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    static LocalStack start(LocalStackOptions options, PrintStream out) throws Exception {
        LocalStack stack = new LocalStack(options, out);
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
        if (options.fresh()) {
            deleteRecursively(data);
        }
        Files.createDirectories(data);

        step("PostgreSQL on port " + ports.postgres());
        database = LocalDatabase.start(data.resolve("postgres"), ports.postgres(), List.of("audit", "scim_sink"));
        started.add(database);

        if (options.kafka() == null) {
            step("Kafka broker (KRaft) on port " + ports.kafka());
            broker = KafkaBrokerProcess.start(data.resolve("kafka"), ports.kafka(), ports.kafkaController(), 3);
            started.add(broker);
            kafkaBootstrap = broker.bootstrapServers();
        } else {
            kafkaBootstrap = options.kafka();
        }

        if (options.graph() == null) {
            step("demo Entra tenant on port " + ports.tenant() + " (" + options.users() + " users, " + options.groups() + " groups)");
            tenant = DemoTenant.start(ports.tenant(), TenantSeed.demo().withUsers(options.users())
                    .withGroups(options.groups()).withMemberships(Math.min(options.users() * 2, options.groups() * options.users()))
                    .withAssignedGroups(Math.min(3, options.groups())).withAssignedUsers(Math.min(20, options.users())));
            started.add(tenant);
        }
        if (options.scim() == null) {
            step("SCIM 2.0 target on port " + ports.target());
            target = ScimTarget.start(ports.target());
            started.add(target);
        }

        step("services: source-connector, mapper-service, scim-sink, audit-service");
        Path logs = data.resolve("logs");
        ServiceSettings settings = new ServiceSettings(options, kafkaBootstrap, database, tenant, target,
                auditReaderToken, auditOperatorToken);
        for (ServiceSettings.Service s : settings.all()) {
            ServiceProcess p = ServiceProcess.start(s.name(), jar(s.name()), s.port(), s.heap(), s.properties(),
                    s.secrets(), logs);
            services.put(s.name(), p);
            started.add(p);
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

    ScimTarget target() {
        return target;
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
        return target != null ? target.baseUrl() : options.scim().baseUrl();
    }

    String scimToken() {
        return target != null ? target.token() : options.scim().token();
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

    private static void deleteRecursively(Path dir) throws IOException {
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
