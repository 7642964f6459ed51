package io.entrascim.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * JSON over HTTP to one service. Turns every way a call can go wrong into a {@link ServiceException} whose message
 * names the service and URL (never the token) and, for error answers, carries the service's own message.
 */
final class ServiceClient {

    private final String service;
    private final String baseUrl;
    private final String token;
    private final String tokenHint;
    private final HttpClient http;
    private final Duration timeout;

    ServiceClient(String service, String baseUrl, String token, String tokenHint, Duration timeout) {
        this.service = service;
        this.baseUrl = baseUrl;
        this.token = token;
        this.tokenHint = tokenHint;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout.compareTo(Duration.ofSeconds(3)) < 0 ? timeout : Duration.ofSeconds(3))
                .build();
    }

    String service() {
        return service;
    }

    String baseUrl() {
        return baseUrl;
    }

    JsonNode get(String path) throws ServiceException {
        return send(request(path).GET(), path);
    }

    JsonNode post(String path, Object body) throws ServiceException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8);
        return send(request(path).header("Content-Type", "application/json").POST(publisher), path);
    }

    /**
     * Actuator health: answers 503 with a body when the service is up but unhealthy, which is a status to show,
     * not an error to raise.
     */
    String health() throws ServiceException {
        String path = "/actuator/health";
        // no token: health is open on every service, and audit-service answers 401 to a wrong token even there
        HttpResponse<String> r = exchange(request(path, false).GET(), path);
        JsonNode body = parse(r.body());
        String status = body.path("status").asString("");
        if (!status.isEmpty() && (r.statusCode() == 200 || r.statusCode() == 503)) {
            return status;
        }
        throw error(r, path, body);
    }

    private HttpRequest.Builder request(String path) {
        return request(path, true);
    }

    private HttpRequest.Builder request(String path, boolean authenticated) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Accept", "application/json");
        if (authenticated && token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private JsonNode send(HttpRequest.Builder request, String path) throws ServiceException {
        HttpResponse<String> r = exchange(request, path);
        JsonNode body = parse(r.body());
        if (r.statusCode() / 100 != 2) {
            throw error(r, path, body);
        }
        return body;
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request, String path) throws ServiceException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw unreachable(path, "connection timed out");
        } catch (HttpTimeoutException e) {
            throw unreachable(path, "no answer within " + timeout.toSeconds() + "s");
        } catch (ConnectException e) {
            throw unreachable(path, "connection refused");
        } catch (IOException e) {
            throw unreachable(path, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(path, "interrupted");
        }
    }

    private ServiceException unreachable(String path, String why) {
        path = withoutQuery(path);
        return new ServiceException(ServiceException.Kind.UNREACHABLE, 0,
                service + " is unreachable at " + baseUrl + path + " (" + why + "); is it running? Set its URL with --"
                        + urlFlag() + ".");
    }

    private ServiceException error(HttpResponse<String> r, String path, JsonNode body) {
        path = withoutQuery(path);
        int status = r.statusCode();
        String message = message(body, r.body());
        StringBuilder text = new StringBuilder(service).append(" answered ").append(status).append(" to ")
                .append(r.request().method()).append(' ').append(path);
        if (message != null) {
            text.append(": ").append(message);
        }
        if ((status == 401 || status == 403) && tokenHint != null) {
            text.append(status == 401 ? " (check the token: " : " (the token lacks the role for this call: ").append(tokenHint).append(')');
        }
        return new ServiceException(ServiceException.Kind.ERROR, status, text.toString());
    }

    /** The service's own message: our services put it in "error"; Spring's error page adds "message"/"detail". */
    private static String message(JsonNode body, String raw) {
        for (String field : new String[] {"detail", "message", "error", "reason"}) {
            JsonNode n = body.path(field);
            if (n.isString() && !n.asString().isBlank()) {
                if (field.equals("error") && body.has("status") && body.has("path")) {
                    continue; // Spring's default error body: "error" is only the reason phrase, look further
                }
                return n.asString();
            }
        }
        if (body.path("error").isString()) {
            return body.path("error").asString();
        }
        if (body.isMissingNode() || body.isNull()) {
            String text = raw == null ? "" : raw.strip();
            return text.isEmpty() ? null : text.length() > 300 ? text.substring(0, 300) + "..." : text;
        }
        return null;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (RuntimeException e) {
            return NullNode.getInstance();
        }
    }

    private static String withoutQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    private String urlFlag() {
        return switch (service) {
            case "source-connector" -> "source-url";
            case "mapper-service" -> "mapper-url";
            case "scim-sink" -> "sink-url";
            default -> "audit-url";
        };
    }
}
