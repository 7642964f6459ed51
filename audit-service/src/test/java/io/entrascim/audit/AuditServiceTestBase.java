package io.entrascim.audit;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.entrascim.audit.store.ResultWriter;
import io.entrascim.audit.store.StoredResult;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * One Spring context, one embedded Kafka broker and one embedded PostgreSQL for every test class of the module:
 * all classes extend this and add nothing to the context configuration. Tests isolate their data by unique job,
 * cycle and change ids instead of cleaning tables.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "audit.security.reader-token=" + AuditServiceTestBase.READER_TOKEN,
        "audit.security.operator-token=" + AuditServiceTestBase.OPERATOR_TOKEN,
        "audit.sink.operator-token=" + SinkStandIn.OPERATOR_TOKEN,
        "audit.sink.timeout=PT5S",
        "audit.purge.initial-delay=PT1H",
        "audit.lag.refresh-interval=PT1S",
        "audit.lag.max-age=PT0.5S",
        "audit.metrics.cycle-refresh-interval=PT1S",
        "spring.cloud.stream.kafka.bindings.ingestResults-in-0.consumer.configuration.auto.offset.reset=earliest",
        "spring.cloud.stream.kafka.bindings.ingestCycles-in-0.consumer.configuration.auto.offset.reset=earliest",
        "spring.cloud.stream.kafka.bindings.ingestResults-in-0.consumer.configuration.fetch.max.wait.ms=20",
        "spring.cloud.stream.kafka.bindings.ingestCycles-in-0.consumer.configuration.fetch.max.wait.ms=20",
        "logging.level.org.apache.kafka=WARN",
        "logging.level.kafka=WARN",
        "logging.level.org.apache.zookeeper=WARN"})
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        topics = {Topics.RESULTS, Topics.CYCLES, "provisioning.results.v1.dlt", "entra.cycles.v1.dlt",
                Topics.CHANGES, Topics.COMMANDS})
abstract class AuditServiceTestBase {

    static final String READER_TOKEN = "reader-token-0123456789abcdef";
    static final String OPERATOR_TOKEN = "operator-token-0123456789abcdef";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ResultWriter writer;

    @Autowired
    EmbeddedKafkaBroker broker;

    private KafkaTemplate<byte[], byte[]> producer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", SharedPostgres::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("audit.sink.base-url", () -> SinkStandIn.get().baseUrl());
    }

    void store(ProvisioningResult... results) {
        writer.insert(java.util.Arrays.stream(results).map(r -> new StoredResult(r, RecordCodec.writeString(r))).toList());
    }

    KafkaTemplate<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> props = KafkaTestUtils.producerProps(broker);
            producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(props, new ByteArraySerializer(),
                    new ByteArraySerializer()));
        }
        return producer;
    }

    void publish(String topic, String key, byte[] value) {
        producer().send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value)).join();
    }

    /** The Prometheus scrape (open, like health). */
    String scrape() {
        HttpResponse<String> response = get("/actuator/prometheus", null);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /actuator/prometheus -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** Value of one sample of the scrape, e.g. {@code pipeline_records_total{direction="in",topic="x"}}; NaN if absent. */
    static double sample(String scrape, String metric, Map<String, String> labels) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(metric + " ") && labels.isEmpty()) {
                return Double.parseDouble(line.substring(metric.length()).trim().split(" ")[0]);
            }
            if (!line.startsWith(metric + "{")) {
                continue;
            }
            String labelPart = line.substring(metric.length() + 1, line.lastIndexOf('}'));
            boolean all = labels.entrySet().stream()
                    .allMatch(e -> labelPart.contains(e.getKey() + "=\"" + e.getValue() + "\""));
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf('}') + 1).trim().split(" ")[0]);
            }
        }
        return Double.NaN;
    }

    HttpResponse<String> get(String pathAndQuery, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.GET().build());
    }

    HttpResponse<String> post(String path, String token, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(RecordCodec.write(body)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    JsonNode getJson(String pathAndQuery) {
        HttpResponse<String> response = get(pathAndQuery, READER_TOKEN);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " -> " + response.statusCode() + " " + response.body());
        }
        return RecordCodec.mapper().readTree(response.body());
    }

    /** Ids of the listed entries, in the order returned. */
    List<String> ids(String query) {
        JsonNode page = getJson("/api/provisioning-logs?" + query);
        return page.path("items").valueStream().map(n -> n.path("id").asString()).toList();
    }

    static String q(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        }
    }
}
