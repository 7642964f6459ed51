package io.entrascim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server standing in for one service, answering with the JSON its controllers produce. Records every
 * request so tests can check paths, query strings, bodies and the Authorization header.
 */
final class StandIn implements AutoCloseable {

    record Request(String method, String path, String query, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    record Reply(int status, String json) {
    }

    private final HttpServer server;
    private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private StandIn(HttpServer server) {
        this.server = server;
    }

    static StandIn start() {
        // small JSON answers: without TCP_NODELAY, Nagle + delayed ACK adds ~40 ms per exchange
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            StandIn s = new StandIn(server);
            server.createContext("/", s::handle);
            server.start();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A URL where nothing listens: a port that was free a moment ago. */
    static String deadUrl() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    StandIn on(String method, String path, int status, String json) {
        return on(method, path, r -> new Reply(status, json));
    }

    StandIn on(String method, String path, Function<Request, Reply> handler) {
        routes.put(method + " " + path, handler);
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    Request last(String method, String path) {
        for (int i = requests.size() - 1; i >= 0; i--) {
            Request r = requests.get(i);
            if (r.method().equals(method) && r.path().equals(path)) {
                return r;
            }
        }
        throw new AssertionError("no " + method + " " + path + " among " + requests);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex; InputStream in = ex.getRequestBody()) {
            Map<String, String> headers = new ConcurrentHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            Request r = new Request(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), ex.getRequestURI().getRawQuery(),
                    headers, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            requests.add(r);
            Function<Request, Reply> route = routes.get(r.method() + " " + r.path());
            Reply reply = route == null
                    ? new Reply(404, "{\"timestamp\":\"2026-11-28T10:00:00.000+00:00\",\"status\":404,\"error\":\"Not Found\",\"path\":\""
                    + r.path() + "\"}")
                    : route.apply(r);
            byte[] body = reply.json() == null ? new byte[0] : reply.json().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
