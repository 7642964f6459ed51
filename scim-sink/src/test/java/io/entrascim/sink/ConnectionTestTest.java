package io.entrascim.sink;

import io.entrascim.sink.core.ConnectionTester;
import io.entrascim.sink.scim.JdkScimClient;
import io.entrascim.sink.scim.ScimClientSettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionTestTest extends SinkTestBase {

    @Value("${local.server.port}")
    int port;

    private static ConnectionTester tester(String baseUrl, String token) {
        return new ConnectionTester(new JdkScimClient(new ScimClientSettings(baseUrl, token, Duration.ofSeconds(2),
                Duration.ofSeconds(2), null, null, null)), baseUrl, token);
    }

    @Test
    void connectionTestEndpointProbesWithARandomUserName() throws Exception {
        TARGET.clearRequests();
        JsonNode report = SinkApi.post(port, "/api/connection/test", "");
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(report.get("httpStatus").asInt()).isEqualTo(200);
        assertThat(report.get("warnings").size()).isZero();
        assertThat(report.toString()).doesNotContain(TARGET.token());
        assertThat(TARGET.requests()).anySatisfy(r -> assertThat(r.query()).startsWith("filter=userName"));
    }

    @Test
    void wrongTokenGetsAClearMessageAndAPrefixWarning() {
        ConnectionTester.Report report = tester(TARGET.baseUrl(), "abc123").test();
        assertThat(report.ok()).isFalse();
        assertThat(report.httpStatus()).isEqualTo(401);
        assertThat(report.message()).contains("401").contains("token");
        assertThat(report.warnings()).singleElement().asString().contains("'token-' prefix");
        assertThat(report.toString()).doesNotContain("abc123");
    }

    @Test
    void wrongBaseUrlIsReportedAs404() {
        ConnectionTester.Report report = tester(TARGET.baseUrl().replace("/scim/v2", "/nothing"), TARGET.token()).test();
        assertThat(report.ok()).isFalse();
        assertThat(report.httpStatus()).isEqualTo(404);
        assertThat(report.message()).contains("sink.scim.base-url");
    }

    @Test
    void truncatedTaniumTokenIsWarnedAbout() {
        ConnectionTester.Report report = tester(TARGET.baseUrl(), TARGET.token()).test();
        assertThat(report.ok()).isTrue();
        ConnectionTester.Report truncated = tester(TARGET.baseUrl(), TARGET.token().substring(0, 30)).test();
        assertThat(truncated.warnings()).singleElement().asString().contains("58");
    }
}
