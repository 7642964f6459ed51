package io.entrascim.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** /api needs a token: reader reads, only operator replays; health, the page and the API description stay open. */
class AccessControlTest extends AuditServiceTestBase {

    @Test
    void apiWithoutTokenIs401WithBearerChallenge() {
        HttpResponse<String> response = get("/api/provisioning-logs", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(get("/api/summary", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/provisioning-logs/export", null).statusCode()).isEqualTo(401);
        assertThat(post("/api/provisioning-logs/replay", null, Map.of("resultIds", List.of("x"))).statusCode()).isEqualTo(401);
    }

    @Test
    void wrongTokenIs401AndIsNotEchoed() {
        HttpResponse<String> response = get("/api/provisioning-logs", "guessed-token-value-123456");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("guessed-token-value-123456");
    }

    @Test
    void readerReadsButCannotReplay() {
        assertThat(get("/api/provisioning-logs", READER_TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("/api/cycles/current", READER_TOKEN).statusCode()).isEqualTo(200);
        assertThat(getJson("/api/me").path("roles").toString()).isEqualTo("[\"READER\"]");
        assertThat(post("/api/provisioning-logs/replay", READER_TOKEN, Map.of("resultIds", List.of("x"))).statusCode())
                .isEqualTo(403);
    }

    @Test
    void operatorReadsAndReplays() {
        assertThat(get("/api/provisioning-logs", OPERATOR_TOKEN).statusCode()).isEqualTo(200);
        HttpResponse<String> replay = post("/api/provisioning-logs/replay", OPERATOR_TOKEN,
                Map.of("resultIds", List.of("no-such-result"), "dryRun", true));
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).contains("\"rejected\":[\"no-such-result\"]");
        assertThat(get("/api/me", OPERATOR_TOKEN).body()).contains("OPERATOR");
    }

    @Test
    void healthPageAndApiDescriptionAreOpen() {
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/", null).body()).contains("Provisioning log");
        HttpResponse<String> docs = get("/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/provisioning-logs/{changeId}").contains("/api/provisioning-logs/replay");
        assertThat(get("/actuator/env", null).statusCode()).isIn(401, 403, 404);
    }
}
