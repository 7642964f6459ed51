package io.entrascim.source;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Microsoft Graph over HTTP for what the connector reads: users/groups delta pages, single objects, group members
 * and the service principal's {@code appRoleAssignedTo}. Honours 429 {@code Retry-After}, backs off on 5xx and
 * timeouts, refreshes the token once on 401, and turns 410 / {@code syncStateNotFound} into
 * {@link SyncStateLostException}.
 */
final class GraphClient {

    private static final Logger log = LoggerFactory.getLogger(GraphClient.class);
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** One delta page: exactly one of {@code nextLink} and {@code deltaLink} is set. */
    record DeltaPage(@JsonProperty("@odata.nextLink") String nextLink,
                     @JsonProperty("@odata.deltaLink") String deltaLink,
                     @JsonProperty("value") List<Map<String, Object>> value) {
        DeltaPage {
            value = value == null ? List.of() : value;
        }
    }

    private record ListPage(@JsonProperty("@odata.nextLink") String nextLink,
                            @JsonProperty("value") List<Map<String, Object>> value) {
    }

    /** Sleeps between attempts; tests may shorten it. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final SourceProperties.Graph cfg;
    private final AccessTokenSource tokens;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    GraphClient(SourceProperties.Graph cfg, AccessTokenSource tokens) {
        this(cfg, tokens, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build(), d -> Thread.sleep(d.toMillis()));
    }

    GraphClient(SourceProperties.Graph cfg, AccessTokenSource tokens, HttpClient http, Sleeper sleeper) {
        this.cfg = cfg;
        this.tokens = tokens;
        this.http = http;
        this.sleeper = sleeper;
    }

    String usersDeltaUrl() {
        return root() + "/users/delta?$select=" + encode(String.join(",", cfg.userAttributes()));
    }

    String groupsDeltaUrl() {
        return root() + "/groups/delta?$select=" + encode(String.join(",", cfg.groupAttributes()));
    }

    DeltaPage delta(String url) {
        return parse(get(url, true), DeltaPage.class, url);
    }

    /** The user with the selected attributes, or null when it does not exist (or is deleted). */
    Map<String, Object> user(String idOrUpn) {
        return object(root() + "/users/" + encode(idOrUpn) + "?$select=" + encode(String.join(",", selectWithId(cfg.userAttributes()))));
    }

    /** The user whose userPrincipalName is {@code upn}, or null. */
    Map<String, Object> userByUpn(String upn) {
        String filter = "userPrincipalName eq '" + upn.replace("'", "''") + "'";
        String url = root() + "/users?$filter=" + encode(filter) + "&$select="
                + encode(String.join(",", selectWithId(cfg.userAttributes())));
        ListPage page = parse(get(url, false), ListPage.class, url);
        return page.value() == null || page.value().isEmpty() ? null : page.value().get(0);
    }

    /** The group with its selected attributes (members excluded), or null. */
    Map<String, Object> group(String id) {
        List<String> attrs = selectWithId(cfg.groupAttributes().stream().filter(a -> !a.equals("members")).toList());
        return object(root() + "/groups/" + encode(id) + "?$select=" + encode(String.join(",", attrs)));
    }

    /** Direct members (users and groups) of a group, following paging; null when the group does not exist. */
    List<Map<String, Object>> groupMembers(String groupId) {
        return allPages(root() + "/groups/" + encode(groupId) + "/members?$select=id&$top=999");
    }

    /** Every appRoleAssignment granted on the service principal, following paging. */
    List<Map<String, Object>> appRoleAssignedTo(String servicePrincipalId) {
        List<Map<String, Object>> all = allPages(root() + "/servicePrincipals/" + encode(servicePrincipalId)
                + "/appRoleAssignedTo?$top=999");
        if (all == null) {
            throw new GraphException(404, "Request_ResourceNotFound",
                    "service principal " + servicePrincipalId + " not found: check source.service-principal-id", false);
        }
        return all;
    }

    /**
     * Graph's {@code /users/$count} or {@code /groups/$count} (advanced query, ConsistencyLevel: eventual), for
     * progress reporting only: -1 when Graph cannot tell.
     */
    long count(String resource) {
        try {
            byte[] body = get(root() + "/" + resource + "/$count", false, true);
            return body == null ? -1 : Long.parseLong(new String(body, StandardCharsets.UTF_8).trim());
        } catch (GraphException | NumberFormatException e) {
            log.info("no {} count from Graph ({}); progress will show counts without a total", resource, e.getMessage());
            return -1;
        }
    }

    long requestCount() {
        return requests.get();
    }

    long retryCount() {
        return retries.get();
    }

    private List<Map<String, Object>> allPages(String url) {
        List<Map<String, Object>> out = new ArrayList<>();
        String next = url;
        while (next != null) {
            byte[] body = get(next, false);
            if (body == null) {
                return null;
            }
            ListPage page = parse(body, ListPage.class, next);
            if (page.value() != null) {
                out.addAll(page.value());
            }
            next = page.nextLink();
        }
        return out;
    }

    private Map<String, Object> object(String url) {
        byte[] body = get(url, false);
        if (body == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = parse(body, Map.class, url);
        m.keySet().removeIf(k -> k.startsWith("@odata."));
        return m;
    }

    private static List<String> selectWithId(List<String> attrs) {
        List<String> out = new ArrayList<>(attrs);
        if (!out.contains("id")) {
            out.add(0, "id");
        }
        return out;
    }

    private String root() {
        String b = cfg.baseUrl();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> T parse(byte[] body, Class<T> type, String url) {
        try {
            return JSON.readValue(body, type);
        } catch (JacksonException e) {
            throw new GraphException(200, "malformedResponse", "Graph answered unparseable JSON for " + pathOf(url)
                    + ": " + e.getOriginalMessage(), true);
        }
    }

    /** The body of a 200 answer, or null for 404 (when {@code notFoundIsError} is false). */
    private byte[] get(String url, boolean deltaRequest) {
        return get(url, deltaRequest, false);
    }

    private byte[] get(String url, boolean deltaRequest, boolean eventual) {
        boolean refreshedToken = false;
        int max = cfg.maxAttempts();
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url)).timeout(cfg.requestTimeout())
                    .header("Accept", eventual ? "text/plain" : "application/json")
                    .header("Authorization", "Bearer " + tokens.token());
            if (eventual) {
                rb.header("ConsistencyLevel", "eventual");
            }
            if (deltaRequest && cfg.preferMinimal()) {
                rb.header("Prefer", "return=minimal");
            }
            HttpResponse<byte[]> resp;
            requests.incrementAndGet();
            try {
                resp = http.send(rb.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (attempt >= max) {
                    throw new GraphException(0, "networkError", "Graph unreachable after " + attempt + " attempts ("
                            + e.getClass().getSimpleName() + ") for " + pathOf(url), true);
                }
                pause(backoff(attempt), url, "network error " + e.getClass().getSimpleName());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GraphException(0, "interrupted", "interrupted while calling Graph", true);
            }
            int status = resp.statusCode();
            if (status == 200) {
                return resp.body();
            }
            String[] error = errorOf(resp.body());
            if (status == 401 && !refreshedToken) {
                refreshedToken = true;
                tokens.invalidate();
                attempt--;
                continue;
            }
            if (status == 404 && !deltaRequest) {
                return null;
            }
            if (status == 410 || "syncStateNotFound".equalsIgnoreCase(error[0]) || "resyncRequired".equalsIgnoreCase(error[0])
                    || "syncStateInvalid".equalsIgnoreCase(error[0])) {
                throw new SyncStateLostException(status, error[0], "Graph lost the sync state (" + status + " " + error[0]
                        + "): a full resync is needed");
            }
            boolean retriable = status == 429 || status >= 500 || status == 408;
            if (!retriable || attempt >= max) {
                throw new GraphException(status, error[0], "Graph answered " + status + " " + error[0] + " for "
                        + pathOf(url) + (retriable ? " after " + attempt + " attempts" : "") + ": " + error[1], retriable);
            }
            Duration wait = resp.headers().firstValue("Retry-After").map(GraphClient::retryAfter)
                    .orElse(backoff(attempt));
            pause(min(wait, cfg.maxBackoff()), url, status + " " + error[0]);
        }
    }

    private void pause(Duration d, String url, String why) {
        retries.incrementAndGet();
        log.warn("Graph {} on {}: retrying in {} ms", why, pathOf(url), d.toMillis());
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(0, "interrupted", "interrupted while backing off", true);
        }
    }

    private Duration backoff(int attempt) {
        long ms = cfg.initialBackoff().toMillis() << Math.min(attempt - 1, 16);
        return min(Duration.ofMillis(ms), cfg.maxBackoff());
    }

    private static Duration retryAfter(String v) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(5);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Path without the query: skip/delta tokens are credentials of a sort and stay out of logs. */
    private static String pathOf(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private static String[] errorOf(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            JsonNode e = n.path("error");
            if (e.isObject()) {
                return new String[] {e.path("code").asString("unknown"), e.path("message").asString("")};
            }
            if (e.isString()) {
                return new String[] {e.asString(), n.path("error_description").asString("")};
            }
        } catch (JacksonException | IllegalArgumentException ignored) {
            // not JSON: fall through
        }
        return new String[] {"unknown", ""};
    }
}
