package io.entrascim.local;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;

/**
 * Reads counts and single users from any SCIM 2.0 target over HTTP, the way an operator would check
 * the target: the local one or a real Tanium tenant alike.
 */
final class ScimProbe {

    private final String baseUrl;
    private final String token;

    ScimProbe(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    /** {@code totalResults} of {@code GET /Users?count=0} (or Groups), or -1 when the target does not answer. */
    long count(String resource) {
        JsonNode body = get("/" + resource + "?count=0");
        return body == null ? -1 : body.path("totalResults").asLong(-1);
    }

    /** True when {@code GET /Users?filter=userName eq "<userName>"} finds exactly one user. */
    boolean userExists(String userName) {
        String filter = "userName eq \"" + userName.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        JsonNode body = get("/Users?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
        return body != null && body.path("totalResults").asLong() == 1;
    }

    private JsonNode get(String pathAndQuery) {
        return JsonHttp.get(baseUrl + pathAndQuery, token, "application/scim+json");
    }
}
