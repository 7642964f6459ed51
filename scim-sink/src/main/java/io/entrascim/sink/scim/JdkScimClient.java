package io.entrascim.sink.scim;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * {@link ScimClient} over HTTP: {@code application/scim+json}, bearer token, timeouts, TLS trust store. The
 * exchange itself goes through an {@link HttpTransport}: Apache HttpClient 5 classic by default, the JDK client
 * as {@link ScimClientSettings.HttpClientKind#JDK}.
 */
public final class JdkScimClient implements ScimClient {

    static final String SCIM_JSON = "application/scim+json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final String authorization;
    private final Duration readTimeout;
    private final HttpTransport http;

    public JdkScimClient(ScimClientSettings settings) {
        this.baseUrl = settings.baseUrl().endsWith("/")
                ? settings.baseUrl().substring(0, settings.baseUrl().length() - 1) : settings.baseUrl();
        this.authorization = "Bearer " + settings.token();
        this.readTimeout = settings.readTimeout();
        SSLContext tls = settings.trustStore() == null ? null : sslContext(settings);
        this.http = settings.httpClient() == ScimClientSettings.HttpClientKind.JDK
                ? new JdkHttpTransport(settings.connectTimeout(), settings.readTimeout(), tls)
                : new ApacheHttpTransport(settings.connectTimeout(), settings.readTimeout(), tls);
    }

    @Override
    public ScimResponse get(ResourceKind kind, String id) {
        String suffix = kind == ResourceKind.GROUP ? "?excludedAttributes=members" : "";
        return send("GET", kind.endpoint() + "/" + encodePath(id) + suffix, null);
    }

    @Override
    public ScimResponse findEq(ResourceKind kind, String attribute, String value) {
        String filter = URLEncoder.encode(ScimFilters.eq(attribute, value), StandardCharsets.UTF_8);
        String members = kind == ResourceKind.GROUP ? "excludedAttributes=members&" : "";
        return send("GET", kind.endpoint() + "?" + members + "filter=" + filter, null);
    }

    @Override
    public ScimResponse create(ResourceKind kind, ObjectNode resource) {
        return send("POST", kind.endpoint(), resource);
    }

    @Override
    public ScimResponse patch(ResourceKind kind, String id, ObjectNode patchOp) {
        return send("PATCH", kind.endpoint() + "/" + encodePath(id), patchOp);
    }

    @Override
    public ScimResponse delete(ResourceKind kind, String id) {
        return send("DELETE", kind.endpoint() + "/" + encodePath(id), null);
    }

    private ScimResponse send(String method, String path, JsonNode body) {
        byte[] bytes = body == null ? null : JSON.writeValueAsBytes(body);
        String logPath = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        long start = System.nanoTime();
        HttpTransport.Exchange response;
        try {
            response = http.send(method, URI.create(baseUrl + path), authorization, bytes);
        } catch (HttpTransport.TimedOut e) {
            throw new ScimTransportException(method, logPath, "timeout after " + readTimeout, e);
        } catch (IOException e) {
            throw new ScimTransportException(method, logPath, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScimTransportException(method, logPath, "interrupted", e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        int status = response.status();
        JsonNode json = parse(response.body());
        if (status >= 200 && status < 300) {
            if (json == null) {
                throw new ScimTransportException(method, logPath, "HTTP " + status + " with an unreadable JSON body", null);
            }
            return new ScimResponse(status, json, millis);
        }
        throw new ScimHttpException(method, logPath, errorOf(status, json),
                retryAfter(response.retryAfter()), millis);
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    static ScimError errorOf(int status, JsonNode json) {
        if (json == null || !json.isObject()) {
            return new ScimError(status, null, null);
        }
        JsonNode scimType = json.get("scimType");
        JsonNode detail = json.get("detail");
        return new ScimError(status, scimType == null || scimType.isNull() ? null : scimType.asString(),
                detail == null || detail.isNull() ? null : truncate(detail.asString()));
    }

    private static String truncate(String s) {
        return s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }

    /** RFC 9110 Retry-After: delay-seconds or an HTTP-date; null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }

    private static String encodePath(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static SSLContext sslContext(ScimClientSettings settings) {
        try (InputStream in = Files.newInputStream(settings.trustStore())) {
            KeyStore store = KeyStore.getInstance(settings.trustStoreType() == null ? "PKCS12" : settings.trustStoreType());
            char[] password = settings.trustStorePassword() == null ? null : settings.trustStorePassword().toCharArray();
            store.load(in, password);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("sink.scim.trust-store '" + settings.trustStore()
                    + "' cannot be loaded: " + e.getMessage(), e);
        }
    }
}
