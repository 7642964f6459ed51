package io.entrascim.sink.app;

import io.entrascim.sink.scim.PatchDialect;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorTokenFilterTest {

    private static SinkProperties properties(String operatorToken) {
        return new SinkProperties(new SinkProperties.Scim("http://x", "token-x", Duration.ofSeconds(1), Duration.ofSeconds(1),
                null, null, "PKCS12"), PatchDialect.RFC, 100, 25, 16,
                new SinkProperties.Retry(8, 50, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(5)),
                new SinkProperties.Breaker(10, 50f, Duration.ofSeconds(10)), new SinkProperties.Api(operatorToken), false,
                Duration.ofSeconds(5), new SinkProperties.DeletionGuard(true, 500, Duration.ofHours(1)),
                new SinkProperties.Quarantine(true, 0.8, Duration.ofMinutes(5), 20, Duration.ofMinutes(2),
                        List.of(Duration.ofMinutes(1))),
                new SinkProperties.Notifications(List.of(), "scim-sink@localhost", Duration.ofMinutes(15), 5));
    }

    private static int status(String operatorToken, String uri, String authorization) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
        request.setRequestURI(uri);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        new OperatorTokenFilter(properties(operatorToken)).doFilter(request, response, new MockFilterChain());
        return response.getStatus();
    }

    @Test
    void requiresTheOperatorTokenOnApiWhenConfigured() throws Exception {
        assertThat(status("op-secret", "/api/dead-letters/replay", null)).isEqualTo(401);
        assertThat(status("op-secret", "/api/dead-letters/replay", "Bearer wrong")).isEqualTo(401);
        assertThat(status("op-secret", "/api/dead-letters/replay", "Bearer op-secret")).isEqualTo(200);
        assertThat(status("op-secret", "/actuator/health", null)).isEqualTo(200);
    }

    @Test
    void leavesApiOpenWhenNoTokenIsConfigured() throws Exception {
        assertThat(status(null, "/api/dead-letters", null)).isEqualTo(200);
    }

    @Test
    void neverPrintsSecretsInConfiguration() {
        assertThat(properties("op-secret").toString()).doesNotContain("op-secret").doesNotContain("token-x");
    }
}
