package io.entrascim.testkit.scim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import de.captaingoldfish.scim.sdk.common.constants.ResourceTypeNames;
import de.captaingoldfish.scim.sdk.common.constants.enums.HttpMethod;
import de.captaingoldfish.scim.sdk.common.resources.Group;
import de.captaingoldfish.scim.sdk.common.resources.ResourceNode;
import de.captaingoldfish.scim.sdk.common.resources.ServiceProvider;
import de.captaingoldfish.scim.sdk.common.resources.User;
import de.captaingoldfish.scim.sdk.common.resources.complex.BulkConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.ChangePasswordConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.ETagConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.FilterConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.PatchConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.SortConfig;
import de.captaingoldfish.scim.sdk.common.resources.multicomplex.AuthenticationScheme;
import de.captaingoldfish.scim.sdk.common.resources.multicomplex.Member;
import de.captaingoldfish.scim.sdk.common.response.ScimResponse;
import de.captaingoldfish.scim.sdk.server.endpoints.Context;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceEndpoint;
import de.captaingoldfish.scim.sdk.server.endpoints.authorize.Authorization;
import de.captaingoldfish.scim.sdk.server.endpoints.base.GroupEndpointDefinition;
import de.captaingoldfish.scim.sdk.server.endpoints.base.UserEndpointDefinition;
import de.captaingoldfish.scim.sdk.server.schemas.ResourceType;
import de.captaingoldfish.scim.sdk.server.schemas.custom.ResourceTypeFeatures;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SCIM 2.0 server for tests and local runs: Captain-P-Goldfish's scim-sdk-server engine with
 * an in-memory store, served over HTTP by the JDK server under {@code /scim/v2}. Bearer-token auth,
 * {@code application/scim+json}, 409 {@code uniqueness} on a duplicate userName or group
 * displayName, PATCH in both RFC and Entra-legacy form, and {@link #faults() fault injection}.
 *
 * <pre>
 * try (ScimTarget target = ScimTarget.start(0)) {
 *     target.baseUrl();   // http://127.0.0.1:PORT/scim/v2
 *     target.faults().next(3, Fault.tooManyRequests(Duration.ofSeconds(1)));
 * }
 * </pre>
 */
public final class ScimTarget implements AutoCloseable {

    public static final int DEFAULT_PORT = 8091;
    public static final String BASE_PATH = "/scim/v2";
    private static final String SCIM_JSON = "application/scim+json";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LOG = 200_000;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String token;
    private final ResourceEndpoint endpoint;
    private final InMemoryStore<User> users;
    private final InMemoryStore<Group> groups;
    private final ScimFaults faults = new ScimFaults();
    private final ConcurrentLinkedDeque<RecordedRequest> log = new ConcurrentLinkedDeque<>();
    private final AtomicInteger logSize = new AtomicInteger();
    private volatile boolean recording = true;

    private ScimTarget(int port, String token) throws IOException {
        this.token = token;
        this.users = new InMemoryStore<>(User.class, ResourceTypeNames.USER, "userName", User::getUserName, u -> u);
        this.groups = new InMemoryStore<>(Group.class, ResourceTypeNames.GROUPS, "displayName", Group::getDisplayName,
                ScimTarget::uniqueMembers);
        this.endpoint = new ResourceEndpoint(serviceProvider());
        ResourceType userType = endpoint.registerEndpoint(
                new UserEndpointDefinition(new StoreBackedHandler<User>(users, "userName") { }));
        userType.setFeatures(ResourceTypeFeatures.builder().autoFiltering(false).autoSorting(true).build());
        ResourceType groupType = endpoint.registerEndpoint(
                new GroupEndpointDefinition(new StoreBackedHandler<Group>(groups, "displayName") { }));
        groupType.setFeatures(ResourceTypeFeatures.builder().autoFiltering(false).autoSorting(true).build());
        // Without it the JDK server waits ~44 ms per response (Nagle + delayed ACK).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "scim-target");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts on {@code port} (0 = any free port) with a fresh Tanium-style token ({@code token-} + 58 alphanumerics). */
    public static ScimTarget start(int port) {
        return start(port, newToken());
    }

    /** Starts on {@code port} (0 = any free port) accepting {@code Authorization: Bearer <token>}. */
    public static ScimTarget start(int port, String token) {
        try {
            return new ScimTarget(port, token);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the SCIM target on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** A token shaped like Tanium's: {@code token-} followed by 58 alphanumerics. */
    public static String newToken() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder("token-");
        for (int i = 0; i < 58; i++) {
            sb.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }

    /** SCIM base URL, e.g. {@code http://127.0.0.1:8091/scim/v2}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + BASE_PATH;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The bearer token this target accepts. */
    public String token() {
        return token;
    }

    public ScimFaults faults() {
        return faults;
    }

    /** Snapshot of all users as JSON maps. */
    public List<Map<String, Object>> users() {
        return toMaps(users.all());
    }

    /** Snapshot of all groups as JSON maps (with their members). */
    public List<Map<String, Object>> groups() {
        return toMaps(groups.all());
    }

    public Optional<Map<String, Object>> userByUserName(String userName) {
        return users.byKey(userName).stream().findFirst().map(ScimTarget::toMap);
    }

    public Optional<Map<String, Object>> groupByDisplayName(String displayName) {
        return groups.byKey(displayName).stream().findFirst().map(ScimTarget::toMap);
    }

    /** Target ids of the members of group {@code groupId}. */
    public List<String> memberIds(String groupId) {
        List<String> ids = new ArrayList<>();
        for (Member m : groups.get(groupId).getMembers()) {
            m.getValue().ifPresent(ids::add);
        }
        return ids;
    }

    public int userCount() {
        return users.size();
    }

    public int groupCount() {
        return groups.size();
    }

    /** Requests received so far, oldest first (capped at 200,000). */
    public List<RecordedRequest> requests() {
        return List.copyOf(log);
    }

    /** Requests other than GET. */
    public List<RecordedRequest> writes() {
        return log.stream().filter(RecordedRequest::isWrite).toList();
    }

    public void clearRequests() {
        log.clear();
        logSize.set(0);
    }

    /** Turns the request log off for load runs. */
    public void recordRequests(boolean on) {
        this.recording = on;
    }

    /** Forgets all users, groups, requests and faults. */
    public void reset() {
        users.clear();
        groups.clear();
        faults.clear();
        clearRequests();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        String token = args.length > 1 ? args[1] : System.getenv().getOrDefault("SCIM_TARGET_TOKEN", newToken());
        ScimTarget target = start(port, token);
        Runtime.getRuntime().addShutdownHook(new Thread(target::close));
        System.out.println("SCIM target listening on " + target.baseUrl());
        // The stand-in's own disposable credential: printed so a local run can be configured with it.
        System.out.println("bearer token: " + token);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase();
        URI uri = exchange.getRequestURI();
        String path = uri.getRawPath();
        String body = readBody(exchange);
        String relative = path.startsWith(BASE_PATH) ? path.substring(BASE_PATH.length()) : path;
        try {
            if (!path.startsWith(BASE_PATH + "/")) {
                respond(exchange, method, relative, uri, body, 404, error(404, null, "no SCIM endpoint at " + path), Map.of());
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.equals("Bearer " + token)) {
                respond(exchange, method, relative, uri, body, 401, error(401, null, "missing or invalid bearer token"),
                        Map.of("WWW-Authenticate", "Bearer realm=\"SCIM\""));
                return;
            }
            Optional<Fault> fault = faults.take(method);
            if (fault.isPresent()) {
                Fault f = fault.get();
                switch (f.kind()) {
                    case SLOW -> sleep(f.duration());
                    case DROP_CONNECTION -> {
                        record(method, relative, uri, body, 0);
                        // The JDK server closes the socket without a response when the handler throws.
                        throw new DroppedConnection();
                    }
                    case STATUS -> {
                        Map<String, String> headers = new HashMap<>();
                        if (f.duration() != null) {
                            headers.put("Retry-After", Long.toString(Math.max(0, (f.duration().toMillis() + 999) / 1000)));
                        }
                        String scimType = f.status() == 409 ? "uniqueness" : f.status() == 429 ? "tooMany" : null;
                        respond(exchange, method, relative, uri, body, f.status(),
                                error(f.status(), scimType, "injected fault"), headers);
                        return;
                    }
                }
            }
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.isEmpty() ? "" : v.get(0)));
            String query = KeyFilterLiteral.rewrite(uri.getRawQuery());
            String url = "http://127.0.0.1:" + port() + uri.getRawPath() + (query == null ? "" : "?" + query);
            ScimResponse response = endpoint.handleRequest(url, HttpMethod.valueOf(method),
                    body.isEmpty() ? null : body, headers, new Context(ALLOW_ALL));
            Map<String, String> responseHeaders = new HashMap<>(response.getHttpHeaders());
            int status = response.getHttpStatus();
            respond(exchange, method, relative, uri, body, status, status == 204 ? "" : response.toString(), responseHeaders);
        } catch (DroppedConnection e) {
            throw e;
        } catch (RuntimeException e) {
            respond(exchange, method, relative, uri, body, 500, error(500, null, e.getClass().getSimpleName()), Map.of());
        } finally {
            KeyFilterLiteral.clear();
        }
    }

    private void respond(HttpExchange exchange, String method, String relative, URI uri, String body, int status,
                         String responseBody, Map<String, String> headers) throws IOException {
        record(method, relative, uri, body, status);
        headers.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Content-Type")) {
                exchange.getResponseHeaders().set(k, v);
            }
        });
        byte[] bytes = responseBody.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.getResponseHeaders().set("Content-Type", SCIM_JSON);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    private void record(String method, String relative, URI uri, String body, int status) {
        if (!recording) {
            return;
        }
        log.add(new RecordedRequest(method, relative, uri.getQuery(), body, status, Instant.now()));
        if (logSize.incrementAndGet() > MAX_LOG) {
            log.pollFirst();
            logSize.decrementAndGet();
        }
    }

    private static String readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String error(int status, String scimType, String detail) {
        Map<String, Object> error = new HashMap<>();
        error.put("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:Error"));
        error.put("status", Integer.toString(status));
        if (scimType != null) {
            error.put("scimType", scimType);
        }
        error.put("detail", detail);
        try {
            return JSON.writeValueAsString(error);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Members are a set, as in real targets: adding a present member again changes nothing. */
    private static Group uniqueMembers(Group group) {
        List<Member> members = group.getMembers();
        Map<String, Member> unique = new java.util.LinkedHashMap<>();
        for (Member m : members) {
            unique.putIfAbsent(m.getValue().orElse(""), m);
        }
        if (unique.size() != members.size()) {
            group.setMembers(new ArrayList<>(unique.values()));
        }
        return group;
    }

    private static List<Map<String, Object>> toMaps(List<? extends ResourceNode> nodes) {
        return nodes.stream().map(ScimTarget::toMap).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(ResourceNode node) {
        return JSON.convertValue(node, Map.class);
    }

    private static ServiceProvider serviceProvider() {
        return ServiceProvider.builder()
                .filterConfig(FilterConfig.builder().supported(true).maxResults(1000).build())
                .sortConfig(SortConfig.builder().supported(true).build())
                .patchConfig(PatchConfig.builder().supported(true)
                        .activateMsAzureFilterWorkaround(true)
                        .activateMsAzureValueSubAttributeWorkaround(true)
                        .activateMsAzureComplexSimpleValueWorkaround(true)
                        .build())
                .changePasswordConfig(ChangePasswordConfig.builder().supported(false).build())
                .bulkConfig(BulkConfig.builder().supported(false).build())
                .eTagConfig(ETagConfig.builder().supported(false).build())
                .authenticationSchemes(List.of(AuthenticationScheme.builder().name("Bearer token")
                        .description("Authorization: Bearer <token>").type("oauthbearertoken").build()))
                .caseInsensitiveValidation(true)
                .lenientContentTypeChecking(true)
                .build();
    }

    private static final class DroppedConnection extends RuntimeException {
        DroppedConnection() {
            super("injected dropped connection", null, false, false);
        }
    }

    private static final Authorization ALLOW_ALL = new Authorization() {
        @Override
        public Set<String> getClientRoles() {
            return Set.of();
        }

        @Override
        public boolean authenticate(Map<String, String> httpHeaders, Map<String, String> queryParams) {
            return true;
        }
    };
}
