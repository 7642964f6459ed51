package io.entrascim.local;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;

/** Reads the audit-service's summary and log over its HTTP API with a reader token. */
final class AuditProbe {

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

    /** {@code GET /api/summary/failures}: FAILURE results grouped by error code, or null. */
    JsonNode failureGroups() {
        return get("/api/summary/failures?examples=1");
    }

    /** Log entries for one Entra object, newest first, or null. */
    JsonNode entriesFor(String sourceId) {
        return get("/api/provisioning-logs?sourceId=" + URLEncoder.encode(sourceId, StandardCharsets.UTF_8));
    }

    private JsonNode get(String pathAndQuery) {
        return JsonHttp.get(baseUrl + pathAndQuery, token, "application/json");
    }
}
