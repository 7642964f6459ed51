package io.entrascim.mapper.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.entrascim.contracts.RecordCodec;

class HttpApiTest extends MapperServiceTestBase {
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void evaluatesAnExpressionAgainstASourceObject() throws Exception {
        HttpResponse<String> r = post("/api/expressions/evaluate",
                "{\"expression\":\"Join(\\\".\\\", ToLower([givenName]), [surname])\",\"source\":{\"givenName\":\"ALICE\",\"surname\":\"Smith\"}}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r)).containsEntry("value", "alice.Smith").containsEntry("dropped", false);
    }

    @Test
    void reportsParseErrorsWithTheirColumn() throws Exception {
        HttpResponse<String> r = post("/api/expressions/evaluate", "{\"expression\":\"Left([a], \",\"source\":{}}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r)).containsEntry("error", "parse").containsEntry("column", 11);
    }

    @Test
    void saysWhenIgnoreFlowIfNullOrEmptyDropsTheAttribute() throws Exception {
        HttpResponse<String> r = post("/api/expressions/evaluate", "{\"expression\":\"IgnoreFlowIfNullOrEmpty([jobTitle])\",\"source\":{}}");
        assertThat(json(r)).containsEntry("dropped", true).containsKey("note");
    }

    @Test
    void previewsTheScimPayloadAndScopingDecision() throws Exception {
        HttpResponse<String> r = post("/api/mappings/preview", "{\"objectType\":\"USER\",\"source\":{\"userPrincipalName\":\"a@contoso.com\","
                + "\"displayName\":\"A\",\"mailNickname\":\"a\",\"accountEnabled\":true}}");
        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, Object> body = json(r);
        assertThat(body.get("operations")).isEqualTo(java.util.List.of("UPSERT"));
        assertThat((Map<String, Object>) body.get("scimPayload")).containsEntry("userName", "a@contoso.com").containsEntry("active", true);
        assertThat((Map<String, Object>) body.get("scoping")).containsEntry("inScope", true);

        HttpResponse<String> unassigned = post("/api/mappings/preview", "{\"source\":{\"userPrincipalName\":\"a@contoso.com\"},\"assigned\":false}");
        assertThat(json(unassigned).get("operations")).isEqualTo(java.util.List.of("DISABLE"));
    }

    @Test
    void exposesHealth() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> r) {
        return RecordCodec.mapper().readValue(r.body(), Map.class);
    }
}
