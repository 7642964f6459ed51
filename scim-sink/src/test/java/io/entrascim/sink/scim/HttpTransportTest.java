package io.entrascim.sink.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Both HTTP transports against a real HTTP(S) server on the loopback: what goes on the wire, keep-alive reuse, the
 * read timeout, Retry-After, and TLS with the configured trust store.
 */
class HttpTransportTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private volatile Handler answer = exchange -> respond(exchange, 201, "{\"id\":\"t1\"}", null);

    interface Handler {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @ParameterizedTest
    @EnumSource(ScimClientSettings.HttpClientKind.class)
    void sendsTheBearerTokenAndScimJsonAndReusesOneKeepAliveConnection(ScimClientSettings.HttpClientKind kind)
            throws IOException {
        String base = start(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), "http");
        JdkScimClient client = new JdkScimClient(settings(base, kind, Duration.ofSeconds(5), null));
        for (int i = 0; i < 5; i++) {
            ScimResponse created = client.create(ResourceKind.USER, JSON.createObjectNode().put("userName", "u" + i));
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.body().get("id").asString()).isEqualTo("t1");
        }
        assertThat(seen).hasSize(5).allSatisfy(request -> assertThat(request)
                .startsWith("POST /scim/v2/Users|Bearer s3cret|application/scim+json|application/scim+json|{\"userName\":\"u"));
        assertThat(clientPorts).as("connections opened for 5 sequential requests").hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(ScimClientSettings.HttpClientKind.class)
    void aSilentTargetTimesOutAfterTheReadTimeout(ScimClientSettings.HttpClientKind kind) throws IOException {
        answer = exchange -> {
            Thread.sleep(3_000);
            respond(exchange, 201, "{}", null);
        };
        String base = start(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), "http");
        JdkScimClient client = new JdkScimClient(settings(base, kind, Duration.ofMillis(300), null));
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.get(ResourceKind.USER, "t1"))
                .isInstanceOf(ScimTransportException.class)
                .hasMessageContaining("GET /Users/t1 failed: timeout after PT0.3S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
    }

    @ParameterizedTest
    @EnumSource(ScimClientSettings.HttpClientKind.class)
    void aThrottledAnswerCarriesItsRetryAfterAndScimError(ScimClientSettings.HttpClientKind kind) throws IOException {
        answer = exchange -> respond(exchange, 429,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"429\",\"detail\":\"slow down\"}", "2");
        String base = start(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), "http");
        JdkScimClient client = new JdkScimClient(settings(base, kind, Duration.ofSeconds(5), null));
        assertThatThrownBy(() -> client.delete(ResourceKind.USER, "t1"))
                .isInstanceOfSatisfying(ScimHttpException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(e.error().detail()).isEqualTo("slow down");
                });
    }

    @ParameterizedTest
    @EnumSource(ScimClientSettings.HttpClientKind.class)
    void talksTlsToATargetTheTrustStoreVouchesFor(ScimClientSettings.HttpClientKind kind, @TempDir Path dir)
            throws Exception {
        Path keyStore = dir.resolve("target.p12");
        Path cert = dir.resolve("target.cer");
        Path trustStore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "target", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", "changeit");
        keytool("-exportcert", "-alias", "target", "-keystore", keyStore.toString(), "-storepass", "changeit",
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "target", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", "trustpass");

        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext(keyStore)));
        String base = start(https, "https");

        JdkScimClient trusting = new JdkScimClient(settings(base, kind, Duration.ofSeconds(5), trustStore));
        assertThat(trusting.get(ResourceKind.USER, "t1").status()).isEqualTo(201);

        JdkScimClient defaultTrust = new JdkScimClient(settings(base, kind, Duration.ofSeconds(5), null));
        assertThatThrownBy(() -> defaultTrust.get(ResourceKind.USER, "t1"))
                .as("a certificate no trusted authority signed is refused")
                .isInstanceOf(ScimTransportException.class);
    }

    private String start(HttpServer http, String scheme) {
        server = http;
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/scim/v2", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            try (InputStream in = exchange.getRequestBody()) {
                seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + "|"
                        + exchange.getRequestHeaders().getFirst("Authorization") + "|"
                        + exchange.getRequestHeaders().getFirst("Accept") + "|"
                        + exchange.getRequestHeaders().getFirst("Content-Type") + "|"
                        + new String(in.readAllBytes(), StandardCharsets.UTF_8));
                answer.handle(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException closedByTheClient) {
                // the timeout case: the client gave up and closed the connection
            }
        });
        server.start();
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/scim/v2";
    }

    private static void respond(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/scim+json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static ScimClientSettings settings(String base, ScimClientSettings.HttpClientKind kind, Duration readTimeout,
                                               Path trustStore) {
        return new ScimClientSettings(base, "s3cret", Duration.ofSeconds(2), readTimeout, trustStore,
                trustStore == null ? null : "trustpass", trustStore == null ? null : "PKCS12", kind);
    }

    private static SSLContext serverContext(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + out);
        }
    }
}
