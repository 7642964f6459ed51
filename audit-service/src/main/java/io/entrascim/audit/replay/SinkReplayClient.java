package io.entrascim.audit.replay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.entrascim.contracts.RecordCodec;
import tools.jackson.core.JacksonException;

/** Calls scim-sink's {@code POST /api/dead-letters/replay} with the result ids of failures to replay. */
public class SinkReplayClient {

    private final HttpClient http;
    private final URI endpoint;
    private final String operatorToken;
    private final Duration timeout;

    /**
     * @param baseUrl       sink base URL, e.g. {@code http://localhost:8083}
     * @param operatorToken bearer token the sink requires, or null/blank when it requires none
     */
    public SinkReplayClient(URI baseUrl, String operatorToken, Duration timeout) {
        String base = baseUrl.toString();
        this.endpoint = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/api/dead-letters/replay");
        this.operatorToken = operatorToken == null || operatorToken.isBlank() ? null : operatorToken;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public SinkReplayResponse replay(List<String> resultIds, boolean dryRun) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resultIds", resultIds);
        body.put("dryRun", dryRun);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(RecordCodec.write(body)));
        if (operatorToken != null) {
            request.header("Authorization", "Bearer " + operatorToken);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SinkReplayException("scim-sink at " + endpoint + " is unreachable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkReplayException("interrupted while calling scim-sink at " + endpoint);
        }
        if (response.statusCode() / 100 != 2) {
            String text = response.body() == null ? "" : response.body();
            throw new SinkReplayException("scim-sink answered HTTP " + response.statusCode() + " to " + endpoint + ": "
                    + (text.length() > 300 ? text.substring(0, 300) + "..." : text));
        }
        try {
            return RecordCodec.mapper().readValue(response.body(), SinkReplayResponse.class);
        } catch (JacksonException e) {
            throw new SinkReplayException("scim-sink's replay answer is not the documented JSON: " + e.getOriginalMessage());
        }
    }
}
