package io.entrascim.sink;

import io.entrascim.testkit.scim.Fault;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Readiness includes the SCIM target (checked at most once per interval, 1 s in tests); liveness never does. */
class ReadinessHealthTest extends SinkTestBase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readinessGoesDownWithTheTargetNamingTheCauseWhileLivenessStaysUp() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        JsonNode ready = JsonMapper.builder().build().readTree(get("/actuator/health/readiness").body());
        assertThat(ready.at("/components/scimTarget/status").asString()).isEqualTo("UP");
        assertThat(ready.at("/components/scimTarget/details/reason").asString()).isEqualTo("reachable");

        TARGET.faults().during(Duration.ofSeconds(6), Fault.status(503));
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> get("/actuator/health/readiness").statusCode() == 503);
            HttpResponse<String> notReady = get("/actuator/health/readiness");
            JsonNode body = JsonMapper.builder().build().readTree(notReady.body());
            assertThat(body.at("/components/scimTarget/status").asString()).isEqualTo("DOWN");
            assertThat(body.at("/components/scimTarget/details/reason").asString()).isEqualTo("server-error");
            assertThat(body.at("/components/scimTarget/details/httpStatus").asInt()).isEqualTo(503);
            assertThat(notReady.body()).doesNotContain(TARGET.token());

            HttpResponse<String> live = get("/actuator/health/liveness");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.body()).contains("\"UP\"").doesNotContain("scimTarget");
        } finally {
            TARGET.faults().clear();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> get("/actuator/health/readiness").statusCode() == 200);
    }
}
