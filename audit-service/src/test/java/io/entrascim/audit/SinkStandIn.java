package io.entrascim.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpServer;
import io.entrascim.contracts.RecordCodec;
import tools.jackson.databind.JsonNode;

/**
 * A real HTTP stand-in for scim-sink's {@code POST /api/dead-letters/replay}: answers the documented JSON
 * ({@code dryRun, matched, replayed, items[...]}) and hands the requested result ids to a hook, where a test plays
 * the sink re-publishing the replayed outcome. One per JVM, like the shared Spring context that points at it.
 */
final class SinkStandIn {

    static final String OPERATOR_TOKEN = "sink-operator-token-for-tests";

    /** One received replay call. */
    record Call(String authorization, List<String> resultIds, boolean dryRun) {
    }

    private static SinkStandIn instance;

    private final HttpServer server;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    volatile Consumer<List<String>> onReplay = ids -> { };
    volatile int failWithStatus;

    private SinkStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/dead-letters/replay", exchange -> {
            try (exchange) {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                if (!("Bearer " + OPERATOR_TOKEN).equals(auth)) {
                    respond(exchange, 401, Map.of("error", "operator token required"));
                    return;
                }
                if (failWithStatus != 0) {
                    respond(exchange, failWithStatus, Map.of("error", "sink failure for test"));
                    return;
                }
                JsonNode body = RecordCodec.mapper().readTree(exchange.getRequestBody().readAllBytes());
                List<String> ids = new ArrayList<>();
                body.path("resultIds").forEach(n -> ids.add(n.asString()));
                boolean dryRun = body.path("dryRun").asBoolean(false);
                calls.add(new Call(auth, ids, dryRun));
                List<Map<String, Object>> items = new ArrayList<>();
                for (String id : ids) {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("commandId", "cmd-" + id);
                    item.put("sourceObjectId", "obj-" + id);
                    item.put("operation", "UPSERT");
                    item.put("errorClass", "retriable");
                    item.put("errorCode", "InternalServerError");
                    item.put("reason", "HTTP 500");
                    item.put("httpStatus", 500);
                    item.put("attempts", 3);
                    item.put("firstFailureAt", "2026-01-01T00:00:00Z");
                    item.put("lastFailureAt", "2026-01-01T00:01:00Z");
                    item.put("topic", "scim.commands.v1");
                    item.put("partition", 0);
                    item.put("offset", 7);
                    item.put("resultId", id);
                    items.add(item);
                }
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("dryRun", dryRun);
                answer.put("matched", ids.size());
                answer.put("replayed", dryRun ? 0 : ids.size());
                answer.put("items", items);
                respond(exchange, 200, answer);
                if (!dryRun) {
                    onReplay.accept(ids);
                }
            }
        });
        server.start();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = RecordCodec.write(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static synchronized SinkStandIn get() {
        if (instance == null) {
            try {
                instance = new SinkStandIn();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
