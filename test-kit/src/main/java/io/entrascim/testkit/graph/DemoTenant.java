package io.entrascim.testkit.graph;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local Entra ID tenant speaking Microsoft Graph v1.0 over HTTP: users/groups delta queries with
 * {@code @odata.nextLink}/{@code @odata.deltaLink} paging, {@code @removed} annotations, {@code members@delta},
 * object reads, the app's {@code appRoleAssignedTo}, and the Microsoft identity platform's client-credentials
 * token endpoint. Tests and demos change the directory through the Java API or the {@code /_demo/...} HTTP API,
 * and inject faults (429 with Retry-After, 5xx, expired delta tokens).
 *
 * <p>Start with {@link #start(int, TenantSeed)} (port 0 = any free port); {@link #close()} stops it.
 */
public final class DemoTenant implements AutoCloseable {

    private static final Pattern TOKEN_PATH = Pattern.compile("^/([^/]+)/oauth2/v2\\.0/token$");
    private static final String JSON = "application/json;odata.metadata=minimal;odata.streaming=true;charset=utf-8";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final SecureRandom TOKEN_RANDOM = new SecureRandom();
    private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final TenantSeed seed;
    private final Directory directory;
    private final Faults faults = new Faults();
    private final ClientAssertionVerifier assertions = new ClientAssertionVerifier();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final AtomicLong graphRequests = new AtomicLong();
    private final AtomicLong tokenRequests = new AtomicLong();
    private final AtomicInteger pageSize;
    private final AtomicInteger memberSliceSize;
    private volatile Duration tokenLifetime = Duration.ofHours(1);
    private final HttpServer server;
    private final ExecutorService executor;

    private DemoTenant(int port, TenantSeed seed) throws IOException {
        this.seed = seed;
        this.directory = new Directory(seed.randomSeed());
        this.pageSize = new AtomicInteger(seed.pageSize());
        this.memberSliceSize = new AtomicInteger(seed.memberSliceSize());
        seedDirectory(seed);
        // Without it the JDK server waits ~44 ms per request (Nagle + delayed ACK); read once per JVM.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.server = HttpServer.create(new InetSocketAddress(port), 64);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "demo-tenant-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts the tenant on {@code port} (0 = a free port), seeded as {@code seed} says. */
    public static DemoTenant start(int port, TenantSeed seed) {
        try {
            return new DemoTenant(port, seed);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the demo tenant on port " + port + ": " + e.getMessage(), e);
        }
    }

    private void seedDirectory(TenantSeed s) {
        List<String> users = directory.seedUsers(s.users());
        List<String> groups = directory.seedGroups(s.groups());
        directory.seedMemberships(users, groups, s.memberships());
        for (int i = 0; i < Math.min(s.assignedGroups(), groups.size()); i++) {
            directory.assign(groups.get(i), null);
        }
        for (int i = 0; i < Math.min(s.assignedUsers(), users.size()); i++) {
            directory.assign(users.get(i), null);
        }
    }

    // ---------------------------------------------------------------- where it is

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Graph root, {@code baseUrl() + "/v1.0"}: what {@code source.graph.base-url} points at. */
    public String graphUrl() {
        return baseUrl() + "/v1.0";
    }

    /** The token endpoint, {@code baseUrl()/{tenantId}/oauth2/v2.0/token}. */
    public String tokenUrl() {
        return baseUrl() + "/" + seed.tenantId() + "/oauth2/v2.0/token";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String tenantId() {
        return seed.tenantId();
    }

    public String clientId() {
        return seed.clientId();
    }

    public String clientSecret() {
        return seed.clientSecret();
    }

    public String servicePrincipalId() {
        return seed.servicePrincipalId();
    }

    /**
     * Registers a certificate credential on the demo app (Entra: App registration / Certificates &amp; secrets):
     * from then on a client assertion signed with its private key and carrying its {@code x5t} or
     * {@code x5t#S256} thumbprint is accepted at the token endpoint. The client secret keeps working too.
     */
    public void registerCertificate(X509Certificate certificate) {
        ClientAssertionVerifier.ensureEncodable(certificate);
        assertions.register(certificate);
    }

    /**
     * The decoded JOSE header and claims of the last client assertion the token endpoint accepted, as
     * {@code {"header": {...}, "claims": {...}}}; empty before the first one. Lets tests check what a client sends.
     */
    public Map<String, Object> lastAcceptedClientAssertion() {
        return assertions.lastVerified();
    }

    /** Removes every registered certificate credential. */
    public void clearCertificates() {
        assertions.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------- directory API

    /** Creates a user; {@code attributes} must hold {@code userPrincipalName}; may hold {@code id}. Returns the id. */
    public String createUser(Map<String, Object> attributes) {
        return directory.createUser(new LinkedHashMap<>(attributes));
    }

    /** Creates an enabled user with the usual attributes derived from the UPN's local part. */
    public String createUser(String userPrincipalName, String displayName) {
        String nick = userPrincipalName.contains("@") ? userPrincipalName.substring(0, userPrincipalName.indexOf('@'))
                : userPrincipalName;
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("userPrincipalName", userPrincipalName);
        a.put("displayName", displayName);
        a.put("mailNickname", nick);
        a.put("mail", userPrincipalName);
        a.put("accountEnabled", Boolean.TRUE);
        return createUser(a);
    }

    /** Partial update: only the given attributes change (a null value clears one). */
    public void updateUser(String id, Map<String, Object> changes) {
        directory.updateUser(id, new LinkedHashMap<>(changes));
    }

    public void softDeleteUser(String id) {
        directory.softDeleteUser(id);
    }

    public void restoreUser(String id) {
        directory.restoreUser(id);
    }

    public void hardDeleteUser(String id) {
        directory.hardDeleteUser(id);
    }

    public String createGroup(String displayName) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("displayName", displayName);
        a.put("mailNickname", displayName.replaceAll("[^A-Za-z0-9]", "").toLowerCase());
        a.put("securityEnabled", Boolean.TRUE);
        return directory.createGroup(a);
    }

    public String createGroup(Map<String, Object> attributes) {
        return directory.createGroup(new LinkedHashMap<>(attributes));
    }

    public void renameGroup(String id, String displayName) {
        directory.updateGroup(id, Map.of("displayName", displayName));
    }

    public void updateGroup(String id, Map<String, Object> changes) {
        directory.updateGroup(id, new LinkedHashMap<>(changes));
    }

    public void deleteGroup(String id) {
        directory.deleteGroup(id);
    }

    public void addMember(String groupId, String memberId) {
        directory.addMember(groupId, memberId);
    }

    public void removeMember(String groupId, String memberId) {
        directory.removeMember(groupId, memberId);
    }

    /** Current members (user and group ids) of a group. */
    public List<String> members(String groupId) {
        return directory.members(groupId);
    }

    /** Assigns a user or group to the app's service principal with the default access role; returns the assignment id. */
    public String assign(String principalId) {
        return directory.assign(principalId, null).id();
    }

    public String assign(String principalId, String appRoleId) {
        return directory.assign(principalId, appRoleId).id();
    }

    /** Removes the assignments of a principal (or one assignment by its id); false when there was none. */
    public boolean unassign(String principalOrAssignmentId) {
        return directory.unassign(principalOrAssignmentId);
    }

    /** Principal ids currently assigned to the app. */
    public List<String> assignedPrincipals() {
        return directory.assignments().stream().map(Directory.Assignment::principalId).toList();
    }

    public List<String> seedUsers(int n) {
        return directory.seedUsers(n);
    }

    public List<String> seedGroups(int n) {
        return directory.seedGroups(n);
    }

    /** The user as {@code GET /users/{id}} would return it with the default select, or null when absent/deleted. */
    public Map<String, Object> user(String idOrUpn) {
        return directory.userById(idOrUpn, Directory.DEFAULT_USER_SELECT);
    }

    public int userCount() {
        return directory.userCount();
    }

    public int groupCount() {
        return directory.groupCount();
    }

    // ---------------------------------------------------------------- behaviour and faults

    public void setPageSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("page size must be at least 1");
        }
        pageSize.set(n);
    }

    public void setMemberSliceSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("member slice size must be at least 1");
        }
        memberSliceSize.set(n);
    }

    /** Lifetime of newly issued access tokens (expires_in); an expired token gets 401 like Graph. */
    public void setTokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    /** The next {@code count} Graph requests answer {@code status} (429 carries Retry-After). */
    public void failNextRequests(int count, int status, int retryAfterSeconds) {
        faults.failAfter(0, count, status, retryAfterSeconds);
    }

    /** After {@code okRequests} more good Graph answers, the next {@code count} answer {@code status}. */
    public void failAfter(int okRequests, int count, int status, int retryAfterSeconds) {
        faults.failAfter(okRequests, count, status, retryAfterSeconds);
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Every delta and skip token issued so far becomes invalid: their next use answers 410 Gone (syncStateNotFound). */
    public void expireDeltaTokens() {
        directory.expireDeltaTokens();
    }

    /** Invalidates every access token issued so far: Graph answers 401 until the client fetches a new one. */
    public void revokeAccessTokens() {
        accessTokens.clear();
    }

    /** Graph ({@code /v1.0}) requests served so far, faults included. */
    public long graphRequestCount() {
        return graphRequests.get();
    }

    public long tokenRequestCount() {
        return tokenRequests.get();
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            byte[] body = readBody(ex.getRequestBody());
            Response r;
            try {
                if (path.startsWith("/v1.0/")) {
                    r = graph(ex, path.substring("/v1.0".length()));
                } else if (path.startsWith("/_demo/")) {
                    r = DemoAdminApi.handle(this, ex.getRequestMethod(), path.substring("/_demo".length()),
                            body.length == 0 ? Map.of() : readMap(body));
                } else {
                    Matcher m = TOKEN_PATH.matcher(path);
                    r = m.matches() && ex.getRequestMethod().equals("POST")
                            ? token(m.group(1), ex.getRequestHeaders().getFirst("Authorization"), body)
                            : graphError(404, "Request_ResourceNotFound", "No route for " + path);
                }
            } catch (IllegalArgumentException e) {
                r = graphError(400, "Request_BadRequest", e.getMessage());
            } catch (IllegalStateException e) {
                r = graphError(409, "Request_Conflict", e.getMessage());
            }
            r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            ex.getResponseHeaders().set("Content-Type", r.contentType());
            byte[] out = r.body();
            ex.sendResponseHeaders(r.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                ex.getResponseBody().write(out);
            }
        }
    }

    record Response(int status, byte[] body, Map<String, String> headers, String contentType) {
        static Response json(int status, Object value) {
            return new Response(status, MAPPER.writeValueAsBytes(value), Map.of(), JSON);
        }

        Response withHeader(String name, String value) {
            Map<String, String> h = new HashMap<>(headers);
            h.put(name, value);
            return new Response(status, body, h, contentType);
        }
    }

    static Map<String, Object> readMap(byte[] body) {
        try {
            Object v = MAPPER.readValue(body, Object.class);
            if (!(v instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("request body must be a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            return map;
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private Response token(String tenant, String authorization, byte[] body) {
        tokenRequests.incrementAndGet();
        Map<String, String> form = parseQuery(new String(body, StandardCharsets.UTF_8));
        if (!tenant.equals(seed.tenantId())) {
            return oauthError(400, "invalid_request", "AADSTS90002: Tenant '" + tenant + "' not found.");
        }
        String clientId = form.get("client_id");
        String secret = form.get("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
                secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            }
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return oauthError(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.");
        }
        if (form.get("scope") == null || !form.get("scope").endsWith("/.default")) {
            return oauthError(400, "invalid_scope",
                    "AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.");
        }
        String assertionType = form.get("client_assertion_type");
        if (assertionType != null || form.get("client_assertion") != null) {
            return certificateToken(clientId, secret, assertionType, form.get("client_assertion"));
        }
        if (!seed.clientId().equals(clientId)) {
            return oauthError(400, "unauthorized_client", "AADSTS700016: Application with identifier '" + clientId
                    + "' was not found in the directory.");
        }
        if (!seed.clientSecret().equals(secret)) {
            return oauthError(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
        }
        return issueToken();
    }

    /** RFC 7523 {@code private_key_jwt}: the assertion is checked against the registered certificates. */
    private Response certificateToken(String clientId, String secret, String assertionType, String assertion) {
        if (secret != null) {
            return oauthError(400, "invalid_request",
                    "AADSTS50194: Only one client credential may be presented: client_secret or client_assertion.");
        }
        if (!JWT_BEARER.equals(assertionType)) {
            return oauthError(400, "invalid_request", "AADSTS700023: The client_assertion_type must be '"
                    + JWT_BEARER + "'.");
        }
        if (clientId != null && !seed.clientId().equals(clientId)) {
            return oauthError(400, "unauthorized_client", "AADSTS700016: Application with identifier '" + clientId
                    + "' was not found in the directory.");
        }
        try {
            assertions.verify(assertion, seed.clientId(), List.of(tokenUrl(),
                    "http://localhost:" + port() + "/" + seed.tenantId() + "/oauth2/v2.0/token"));
        } catch (ClientAssertionVerifier.Rejected r) {
            return oauthError(401, "invalid_client", r.getMessage());
        }
        return issueToken();
    }

    private Response issueToken() {
        byte[] raw = new byte[32];
        TOKEN_RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Duration life = tokenLifetime;
        accessTokens.put(token, Instant.now().plus(life));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token_type", "Bearer");
        out.put("expires_in", life.toSeconds());
        out.put("ext_expires_in", life.toSeconds());
        out.put("access_token", token);
        return new Response(200, MAPPER.writeValueAsBytes(out), Map.of("Cache-Control", "no-store"),
                "application/json; charset=utf-8");
    }

    private static Response oauthError(int status, String error, String description) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", error);
        out.put("error_description", description);
        out.put("error_codes", List.of());
        out.put("timestamp", Instant.now().toString());
        out.put("trace_id", UUID.randomUUID().toString());
        return new Response(status, MAPPER.writeValueAsBytes(out), Map.of(), "application/json; charset=utf-8");
    }

    static Response graphError(int status, String code, String message) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("date", Instant.now().toString());
        inner.put("request-id", UUID.randomUUID().toString());
        inner.put("client-request-id", UUID.randomUUID().toString());
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("innerError", inner);
        return Response.json(status, Map.of("error", error));
    }

    private Response graph(HttpExchange ex, String path) {
        graphRequests.incrementAndGet();
        Faults.Fault fault = faults.next();
        if (fault != null) {
            return faultResponse(fault);
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return graphError(401, "InvalidAuthenticationToken", "Access token is empty.");
        }
        Instant expiry = accessTokens.get(auth.substring(7).trim());
        if (expiry == null) {
            return graphError(401, "InvalidAuthenticationToken", "IDX14100: JWT is not well formed.");
        }
        if (expiry.isBefore(Instant.now())) {
            return graphError(401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.");
        }
        if (!ex.getRequestMethod().equals("GET")) {
            return graphError(405, "Request_BadRequest", "The demo tenant serves only GET on Graph routes.");
        }
        Map<String, String> q = parseQuery(ex.getRequestURI().getRawQuery());
        String host = ex.getRequestHeaders().getFirst("Host");
        String root = "http://" + (host == null ? "127.0.0.1:" + port() : host) + "/v1.0";
        boolean minimal = String.valueOf(ex.getRequestHeaders().getFirst("Prefer")).contains("return=minimal");
        String[] seg = path.substring(1).split("/");
        if (seg.length == 2 && URLDecoder.decode(seg[1], StandardCharsets.UTF_8).equals("$count")
                && (seg[0].equals("users") || seg[0].equals("groups"))) {
            if (!"eventual".equalsIgnoreCase(ex.getRequestHeaders().getFirst("ConsistencyLevel"))) {
                return graphError(400, "Request_BadRequest",
                        "Count is not currently supported without the header ConsistencyLevel: eventual.");
            }
            int n = seg[0].equals("users") ? directory.userCount() : directory.groupCount();
            return new Response(200, String.valueOf(n).getBytes(StandardCharsets.UTF_8), Map.of(), "text/plain");
        }
        if (seg.length == 2 && seg[1].equals("delta") && (seg[0].equals("users") || seg[0].equals("groups"))) {
            return delta(seg[0], q, root, minimal);
        }
        if (seg.length == 1 && seg[0].equals("users")) {
            return listUsers(q, root);
        }
        if (seg.length == 2 && seg[0].equals("users")) {
            String id = URLDecoder.decode(seg[1], StandardCharsets.UTF_8);
            Map<String, Object> u = directory.userById(id, Directory.parseSelect(q.get("$select"), false));
            return u == null ? notFound(id) : Response.json(200, withContext(u, root + "/$metadata#users/$entity"));
        }
        if (seg.length == 2 && seg[0].equals("groups")) {
            Map<String, Object> g = directory.groupById(seg[1], Directory.parseSelect(q.get("$select"), true));
            return g == null ? notFound(seg[1]) : Response.json(200, withContext(g, root + "/$metadata#groups/$entity"));
        }
        if (seg.length == 3 && seg[0].equals("groups") && seg[2].equals("members")) {
            int offset = offsetOf(q);
            Directory.ListPage page = directory.groupMembers(seg[1], offset, topOf(q));
            if (page == null) {
                return notFound(seg[1]);
            }
            return listPage(page, root + "/$metadata#directoryObjects",
                    root + "/groups/" + seg[1] + "/members?$top=" + topOf(q) + "&$skiptoken=");
        }
        if (seg.length == 3 && seg[0].equals("servicePrincipals") && seg[2].equals("appRoleAssignedTo")) {
            if (!seg[1].equals(seed.servicePrincipalId())) {
                return notFound(seg[1]);
            }
            Directory.ListPage page = directory.assignmentsPage(seg[1], "Tanium SSO (demo)", offsetOf(q), topOf(q));
            return listPage(page, root + "/$metadata#servicePrincipals('" + seg[1] + "')/appRoleAssignedTo",
                    root + "/servicePrincipals/" + seg[1] + "/appRoleAssignedTo?$top=" + topOf(q) + "&$skiptoken=");
        }
        return graphError(400, "Request_BadRequest", "Unsupported resource path " + path);
    }

    private Response listUsers(Map<String, String> q, String root) {
        String filter = q.get("$filter");
        Matcher m = filter == null ? null
                : Pattern.compile("^\\s*userPrincipalName\\s+eq\\s+'((?:[^']|'')*)'\\s*$").matcher(filter);
        if (m == null || !m.matches()) {
            return graphError(400, "Request_UnsupportedQuery",
                    "The demo tenant supports only $filter=userPrincipalName eq '<upn>' on /users.");
        }
        List<Map<String, Object>> found = directory.usersByUpn(m.group(1).replace("''", "'"),
                Directory.parseSelect(q.get("$select"), false));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("@odata.context", root + "/$metadata#users");
        out.put("value", found);
        return Response.json(200, out);
    }

    private Response delta(String resource, Map<String, String> q, String root, boolean minimal) {
        char kind = resource.equals("users") ? 'u' : 'g';
        String link = root + "/" + resource + "/delta?";
        PageToken token;
        try {
            if (q.containsKey("$skiptoken")) {
                token = decode(q.get("$skiptoken"), kind);
            } else if (q.containsKey("$deltatoken") || q.containsKey("$deltaToken")) {
                String raw = q.containsKey("$deltatoken") ? q.get("$deltatoken") : q.get("$deltaToken");
                if (raw.equals("latest")) {
                    PageToken start = directory.startRound(kind, q.getOrDefault("$select", ""));
                    return deltaResponse(resource, root, link, List.of(), null,
                            new PageToken(kind, -1, start.cutoff(), 0, 0, start.epoch(), start.select()));
                }
                token = directory.nextRound(decode(raw, kind));
            } else {
                token = directory.startRound(kind, q.getOrDefault("$select", ""));
            }
            Directory.DeltaPage page = directory.deltaPage(token, pageSize.get(), memberSliceSize.get(), minimal);
            return deltaResponse(resource, root, link, page.values(), page.next(), page.delta());
        } catch (Directory.SyncStateNotFound e) {
            String select = q.get("$select");
            String fresh = link.substring(0, link.length() - 1)
                    + (select == null ? "" : "?$select=" + URLEncoder.encode(select, StandardCharsets.UTF_8));
            return graphError(410, "syncStateNotFound", e.getMessage()).withHeader("Location", fresh);
        }
    }

    private static PageToken decode(String raw, char kind) {
        PageToken t = PageToken.decode(raw);
        if (t == null || t.kind() != kind) {
            throw new Directory.SyncStateNotFound("The token is not valid for this resource.");
        }
        return t;
    }

    private static Response deltaResponse(String resource, String root, String link, List<Map<String, Object>> values,
                                          PageToken next, PageToken delta) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("@odata.context", root + "/$metadata#" + resource);
        if (next != null) {
            out.put("@odata.nextLink", link + "$skiptoken=" + next.encode());
        } else {
            out.put("@odata.deltaLink", link + "$deltatoken=" + delta.encode());
        }
        out.put("value", values);
        return Response.json(200, out);
    }

    private static Response listPage(Directory.ListPage page, String context, String nextPrefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("@odata.context", context);
        if (page.nextOffset() >= 0) {
            out.put("@odata.nextLink", nextPrefix + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("o" + page.nextOffset()).getBytes(StandardCharsets.UTF_8)));
        }
        out.put("value", page.values());
        return Response.json(200, out);
    }

    private static int offsetOf(Map<String, String> q) {
        String t = q.get("$skiptoken");
        if (t == null) {
            return 0;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(t), StandardCharsets.UTF_8);
            if (!raw.startsWith("o")) {
                throw new IllegalArgumentException("invalid $skiptoken");
            }
            return Integer.parseInt(raw.substring(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid $skiptoken");
        }
    }

    private int topOf(Map<String, String> q) {
        String top = q.get("$top");
        if (top == null) {
            return pageSize.get();
        }
        try {
            return Math.max(1, Math.min(999, Integer.parseInt(top)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("$top must be a number");
        }
    }

    private static Map<String, Object> withContext(Map<String, Object> obj, String context) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("@odata.context", context);
        out.putAll(obj);
        return out;
    }

    private static Response notFound(String id) {
        return graphError(404, "Request_ResourceNotFound",
                "Resource '" + id + "' does not exist or one of its queried reference-property objects are not present.");
    }

    private static Response faultResponse(Faults.Fault f) {
        String code = switch (f.status()) {
            case 429 -> "TooManyRequests";
            case 503 -> "serviceNotAvailable";
            case 504 -> "gatewayTimeout";
            default -> "generalException";
        };
        Response r = graphError(f.status(), code, "Injected fault: " + f.status());
        return f.retryAfterSeconds() >= 0 ? r.withHeader("Retry-After", String.valueOf(f.retryAfterSeconds())) : r;
    }

    static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    // ---------------------------------------------------------------- main

    /**
     * Runs the demo tenant until interrupted. Arguments (all optional): {@code --port 8090 --users 300 --groups 30
     * --memberships 600 --assigned-groups 3 --assigned-users 20 --page-size 100}.
     */
    public static void main(String[] args) throws InterruptedException {
        int port = 8090;
        TenantSeed s = TenantSeed.demo();
        for (int i = 0; i + 1 < args.length; i += 2) {
            int v = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--port" -> port = v;
                case "--users" -> s = s.withUsers(v);
                case "--groups" -> s = s.withGroups(v);
                case "--memberships" -> s = s.withMemberships(v);
                case "--assigned-groups" -> s = s.withAssignedGroups(v);
                case "--assigned-users" -> s = s.withAssignedUsers(v);
                case "--page-size" -> s = s.withPageSize(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        DemoTenant t = DemoTenant.start(port, s);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            t.close();
            stop.countDown();
        }));
        System.out.println("Demo Entra tenant on " + t.baseUrl() + " with " + t.userCount() + " users, "
                + t.groupCount() + " groups");
        System.out.println("  Graph:             " + t.graphUrl());
        System.out.println("  token endpoint:    " + t.tokenUrl());
        System.out.println("  client id:         " + t.clientId() + " (secret: see TenantSeed / --client-secret of the launcher)");
        System.out.println("  service principal: " + t.servicePrincipalId());
        System.out.println("  admin API:         " + t.baseUrl() + "/_demo/info");
        stop.await();
    }

    Directory directory() {
        return directory;
    }

    List<Map<String, Object>> assignmentsJson() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Directory.Assignment a : directory.assignments()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id());
            m.put("appRoleId", a.appRoleId());
            m.put("principalId", a.principalId());
            m.put("principalType", a.principalType());
            m.put("principalDisplayName", a.principalDisplayName());
            out.add(m);
        }
        return out;
    }
}
