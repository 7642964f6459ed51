package io.entrascim.source.bench;

import io.entrascim.contracts.Topics;
import io.entrascim.testkit.graph.DemoTenant;
import io.entrascim.testkit.graph.TenantSeed;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Initial-cycle read rate of the source-connector for 100,000 users and 1,000 groups with 50,000 memberships served
 * by the demo tenant, and the connector's peak RSS. The connector runs as its own JVM (the packaged main class with
 * the test classpath) so that its RSS is measured alone; the demo tenant and a KRaft broker run in this JVM.
 * Not part of the default test run; see the module README for the command. Sizes can be overridden with
 * {@code -Dbench.users=.. -Dbench.groups=.. -Dbench.memberships=.. -Dbench.pageSize=.. -Dbench.xmx=..}; extra
 * JVM options with {@code -Dbench.jvmArgs=..}, extra connector arguments with {@code -Dbench.connectorArgs="--spring.kafka.producer.compression-type=none ..."}.
 */
class SourceConnectorBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void initialCycleReadRateAndPeakRss() throws Exception {
        int users = Integer.getInteger("bench.users", 100_000);
        int groups = Integer.getInteger("bench.groups", 1_000);
        int memberships = Integer.getInteger("bench.memberships", 50_000);
        int pageSize = Integer.getInteger("bench.pageSize", 999);
        String xmx = System.getProperty("bench.xmx", "256m");

        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 6, Topics.CHANGES, Topics.CYCLES);
        kafka.afterPropertiesSet();
        long t0 = System.nanoTime();
        DemoTenant tenant = DemoTenant.start(0, TenantSeed.empty().withUsers(users).withGroups(groups)
                .withMemberships(memberships).withAssignedGroups(10).withAssignedUsers(100)
                .withPageSize(pageSize).withMemberSliceSize(pageSize).withRandomSeed(7));
        System.out.printf("seeded demo tenant in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + xmx, "-XX:+UseSerialGC", "-XX:MaxMetaspaceSize=128m", "-Xss512k",
                "-cp", System.getProperty("java.class.path"),
                "io.entrascim.source.SourceConnectorApplication",
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                "--source.graph.base-url=" + tenant.graphUrl(),
                "--source.graph.token-url=" + tenant.tokenUrl(),
                "--source.graph.tenant-id=" + tenant.tenantId(),
                "--source.graph.client-id=" + tenant.clientId(),
                "--source.graph.client-secret=" + tenant.clientSecret(),
                "--source.service-principal-id=" + tenant.servicePrincipalId(),
                "--source.sync-scope=assigned",
                "--source.poll-interval=1h",
                "--logging.level.root=WARN",
                "--logging.level.io.entrascim=INFO"));
        String jvmExtra = System.getProperty("bench.jvmArgs", "").trim();
        if (!jvmExtra.isEmpty()) {
            cmd.addAll(1, List.of(jvmExtra.split("\\s+")));
        }
        String extra = System.getProperty("bench.connectorArgs", "").trim();
        if (!extra.isEmpty()) {
            cmd.addAll(List.of(extra.split("\\s+")));
        }
        File log = Files.createTempFile("source-bench", ".log").toFile();
        Process connector = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
        try {
            JsonNode last = awaitInitialCycle(port, connector, log);
            long rss = peakRssKib(connector.pid());
            long ms = last.path("duration").isNumber() ? (long) (last.path("duration").asDouble() * 1000)
                    : Duration.parse(last.path("duration").asString()).toMillis();
            long events = last.path("emittedEvents").asLong();
            long objects = users + groups;
            System.out.println("=== source-connector initial cycle benchmark ===");
            System.out.printf("tenant: %d users, %d groups, %d memberships, page size %d%n", users, groups, memberships, pageSize);
            System.out.printf("initial cycle: %d events from %d pages in %d ms%n", events, last.path("pagesRead").asLong(), ms);
            System.out.printf("read rate: %.0f objects/s (users+groups / cycle time)%n", objects * 1000.0 / ms);
            System.out.printf("connector peak RSS (VmHWM): %d MiB (-Xmx%s)%n", rss / 1024, xmx);
            double raw = rawGraphReadRate(tenant);
            System.out.printf("same-run ceiling, Graph pages only (no Kafka, no translation): %.0f objects/s -> connector at %.0f%%%n",
                    raw, 100.0 * (objects * 1000.0 / ms) / raw);
        } finally {
            connector.destroy();
            connector.waitFor();
            tenant.close();
            kafka.destroy();
        }
    }

    private static JsonNode awaitInitialCycle(int port, Process p, File log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("connector exited: " + Files.readString(log.toPath()));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/status"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                JsonNode last = JSON.readTree(r.body()).path("lastCycle");
                if (last.isObject()) {
                    if (!"COMPLETED".equals(last.path("outcome").asString())) {
                        throw new AssertionError("cycle ended " + last + "\n" + Files.readString(log.toPath()));
                    }
                    return last;
                }
            } catch (java.io.IOException notYetUp) {
                // the connector is still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no initial cycle within 10 minutes");
    }

    private static long peakRssKib(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** Reads every users and groups delta page with a bare HTTP client: what the machine allows without Kafka. */
    private static double rawGraphReadRate(DemoTenant tenant) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String form = "grant_type=client_credentials&client_id=" + tenant.clientId() + "&client_secret="
                + tenant.clientSecret() + "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default";
        String token = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(tenant.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asString();
        long objects = 0;
        long t0 = System.nanoTime();
        for (String start : List.of(tenant.graphUrl() + "/users/delta?$select=userPrincipalName,displayName,mailNickname,accountEnabled,givenName,surname,mail",
                tenant.graphUrl() + "/groups/delta?$select=displayName,members")) {
            String link = start;
            while (link != null) {
                JsonNode page = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(link))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray()).body());
                objects += page.path("value").size();
                link = page.has("@odata.nextLink") ? page.path("@odata.nextLink").asString() : null;
            }
        }
        return objects * 1e9 / (System.nanoTime() - t0);
    }
}
