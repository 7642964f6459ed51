package io.entrascim.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import io.entrascim.contracts.RecordCodec;

/** Reads the audit-service's summary and log over its HTTP API with a reader token. */
final class AuditProbe {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final String baseUrl;
    private final String token;

    AuditProbe(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** {@code GET /api/summary}: total results and counts by status, or null while the service does not answer. */
    JsonNode summary() {
        return get("/api/summary");
    }

    /** Log entries for one Entra object, newest first, or null. */
    JsonNode entriesFor(String sourceId) {
        return get("/api/provisioning-logs?sourceId=" + URLEncoder.encode(sourceId, StandardCharsets.UTF_8));
    }

    private JsonNode get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? RecordCodec.mapper().readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
