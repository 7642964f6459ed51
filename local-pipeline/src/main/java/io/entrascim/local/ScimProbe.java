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

/**
 * Reads counts and single users from any SCIM 2.0 target over HTTP, the way an operator would check
 * the target: the local one or a real Tanium tenant alike.
 */
final class ScimProbe {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

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
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/scim+json")
                .timeout(Duration.ofSeconds(5)).GET().build();
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
