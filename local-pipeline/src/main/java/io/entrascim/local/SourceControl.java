package io.entrascim.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls source-connector's operator endpoints. */
final class SourceControl {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private SourceControl() {
    }

    /** {@code POST /api/cycles/trigger}: run an incremental cycle now; returns the HTTP status, or -1 when unreachable. */
    static int triggerCycle(String sourceBaseUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sourceBaseUrl + "/api/cycles/trigger"))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
