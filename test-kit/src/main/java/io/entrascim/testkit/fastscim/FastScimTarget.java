package io.entrascim.testkit.fastscim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A SCIM 2.0 target built for throughput: the JDK HTTP server (with TCP_NODELAY), Jackson and hash indexes on
 * {@code userName} and group {@code displayName}, so that benchmarks measure the pipeline rather than the target.
 * It speaks the protocol the sink uses: {@code POST}, {@code GET /{id}}, {@code GET ?filter=attr eq "v"} (ListResponse,
 * {@code count=0} for totals), {@code PATCH} in both dialects ({@link ScimPatch}), {@code DELETE}, bearer auth, 409
 * {@code uniqueness} on a duplicate userName or group displayName. {@link #snapshot()} gives the exact state for
 * comparisons; {@link #faults()} makes it answer 429/503 or slowly for a time window, as a throttled target does.
 *
 * <pre>
 * try (FastScimTarget target = FastScimTarget.start(0)) {
 *     target.baseUrl();      // http://127.0.0.1:PORT/scim/v2
 *     target.snapshot();     // users by userName, groups by displayName, member userNames
 * }
 * </pre>
 */
public final class FastScimTarget implements AutoCloseable {

    public static final String BASE_PATH = "/scim/v2";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    private static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
    private static final String SCIM_JSON = "application/scim+json";
    private static final Pattern EQ_FILTER = Pattern.compile("^\\s*([A-Za-z][\\w.:$-]*)\\s+eq\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*$",
            Pattern.CASE_INSENSITIVE);

    /** One successful write, reported to the {@link #onWrite write listener} after it is visible to readers. */
    public record Write(String method, String resourceType, String id, long nanoTime) {
    }

    /**
     * The target's whole state, keyed the way a comparison wants it.
     *
     * @param users        user resources by userName
     * @param groups       group resources (without members) by displayName
     * @param memberNames  member userNames (group displayName for nested groups, the raw id when unknown) by group displayName
     */
    public record Snapshot(Map<String, JsonNode> users, Map<String, JsonNode> groups, Map<String, Set<String>> memberNames) {

        public int membershipCount() {
            return memberNames.values().stream().mapToInt(Set::size).sum();
        }
    }

    private static final class Resource {
        final String id;
        final boolean group;
        ObjectNode node;
        final Set<String> members;

        Resource(String id, boolean group, ObjectNode node) {
            this.id = id;
            this.group = group;
            this.node = node;
            this.members = group ? new LinkedHashSet<>() : null;
        }
    }

    private static final class Kind {
        final String name;
        final String key;
        final String schema;
        final ConcurrentHashMap<String, Resource> byId = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, Resource> byKey = new ConcurrentHashMap<>();

        Kind(String name, String key, String schema) {
            this.name = name;
            this.key = key;
            this.schema = schema;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String token;
    private final String bearer;
    private final Kind users = new Kind("User", "userName", USER_SCHEMA);
    private final Kind groups = new Kind("Group", "displayName", GROUP_SCHEMA);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private volatile Consumer<Write> listener = w -> { };
    private final TargetFaults faults = new TargetFaults();

    private FastScimTarget(int port, String token, int threads) throws IOException {
        this.token = token;
        this.bearer = "Bearer " + token;
        // Without it the JDK server waits ~44 ms per response (Nagle + delayed ACK); read when the server class loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "fast-scim-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts on {@code port} (0 = any free port) with a fresh Tanium-shaped token. */
    public static FastScimTarget start(int port) {
        return start(port, newToken(), 16);
    }

    /** Starts on {@code port} (0 = any free port) accepting {@code Authorization: Bearer <token>}, with {@code threads} workers. */
    public static FastScimTarget start(int port, String token, int threads) {
        try {
            return new FastScimTarget(port, token, threads);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fast SCIM target on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** {@code token-} followed by 58 alphanumerics, like Tanium's tokens. */
    public static String newToken() {
        return io.entrascim.testkit.scim.ScimTarget.newToken();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + BASE_PATH;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String token() {
        return token;
    }

    /** Fault windows (429/503 storms, slow answers) applied to every authenticated request; see {@link TargetFaults}. */
    public TargetFaults faults() {
        return faults;
    }

    /** Called on a server thread after every successful write; keep it cheap. */
    public void onWrite(Consumer<Write> listener) {
        this.listener = listener == null ? w -> { } : listener;
    }

    public int userCount() {
        return users.byId.size();
    }

    public int groupCount() {
        return groups.byId.size();
    }

    /** Memberships over all groups. */
    public long membershipCount() {
        long n = 0;
        for (Resource g : groups.byId.values()) {
            synchronized (g) {
                n += g.members.size();
            }
        }
        return n;
    }

    /** HTTP requests served (any status). */
    public long requestCount() {
        return requests.get();
    }

    /** Successful POST, PATCH and DELETE requests. */
    public long writeCount() {
        return writes.get();
    }

    /** POSTs refused with 409 uniqueness. */
    public long conflictCount() {
        return conflicts.get();
    }

    public Optional<JsonNode> userByUserName(String userName) {
        return Optional.ofNullable(users.byKey.get(fold(userName))).map(this::copy);
    }

    public Optional<JsonNode> groupByDisplayName(String displayName) {
        return Optional.ofNullable(groups.byKey.get(fold(displayName))).map(this::copy);
    }

    /** Target ids of a group's members, empty when the group does not exist. */
    public Set<String> memberIds(String groupId) {
        Resource g = groups.byId.get(groupId);
        if (g == null) {
            return Set.of();
        }
        synchronized (g) {
            return new LinkedHashSet<>(g.members);
        }
    }

    /** A consistent-enough copy of everything (take it when the pipeline is idle for an exact comparison). */
    public Snapshot snapshot() {
        Map<String, JsonNode> u = new HashMap<>();
        Map<String, String> userNameById = new HashMap<>();
        for (Resource r : users.byId.values()) {
            JsonNode node = copy(r);
            u.put(node.path("userName").asString(), node);
            userNameById.put(r.id, node.path("userName").asString());
        }
        Map<String, JsonNode> g = new HashMap<>();
        Map<String, Set<String>> members = new HashMap<>();
        Map<String, String> groupNameById = new HashMap<>();
        for (Resource r : groups.byId.values()) {
            synchronized (r) {
                groupNameById.put(r.id, r.node.path("displayName").asString());
            }
        }
        for (Resource r : groups.byId.values()) {
            JsonNode node = copy(r);
            String name = node.path("displayName").asString();
            g.put(name, node);
            Set<String> names = new LinkedHashSet<>();
            for (String id : memberIds(r.id)) {
                names.add(userNameById.getOrDefault(id, groupNameById.getOrDefault(id, id)));
            }
            members.put(name, names);
        }
        return new Snapshot(u, g, members);
    }

    /** Forgets every resource and counter. */
    public void reset() {
        faults.clear();
        users.byId.clear();
        users.byKey.clear();
        groups.byId.clear();
        groups.byKey.clear();
        requests.set(0);
        writes.set(0);
        conflicts.set(0);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------- HTTP

    private record Reply(int status, JsonNode body) {
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        Reply reply;
        try {
            reply = route(ex);
        } catch (ScimPatch.BadPatch e) {
            reply = error(400, e.scimType, e.getMessage());
        } catch (JacksonException e) {
            reply = error(400, "invalidSyntax", "body is not valid JSON");
        } catch (RuntimeException e) {
            reply = error(500, null, e.getClass().getSimpleName());
        }
        byte[] body = reply.body == null ? null : JSON.writeValueAsBytes(reply.body);
        if (body != null) {
            ex.getResponseHeaders().set("Content-Type", SCIM_JSON);
        }
        ex.sendResponseHeaders(reply.status, body == null ? -1 : body.length);
        if (body != null) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }

    private Reply route(HttpExchange ex) throws IOException {
        byte[] in;
        try (InputStream is = ex.getRequestBody()) {
            in = is.readAllBytes();
        }
        if (!bearer.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            return error(401, null, "a valid bearer token is required");
        }
        Optional<TargetFaults.Fault> fault = faults.current();
        if (fault.isPresent()) {
            TargetFaults.Fault f = fault.get();
            if (!f.isSlow()) {
                if (f.retryAfter() != null) {
                    ex.getResponseHeaders().set("Retry-After", Long.toString(f.retryAfterSeconds()));
                }
                return error(f.status(), null, f.status() == 429 ? "too many requests" : "injected fault " + f.status());
            }
            try {
                Thread.sleep(f.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return error(503, null, "interrupted while slow");
            }
        }
        String path = ex.getRequestURI().getRawPath();
        if (!path.startsWith(BASE_PATH + "/")) {
            return error(404, null, "unknown endpoint " + path);
        }
        String[] parts = path.substring(BASE_PATH.length() + 1).split("/");
        Kind kind = switch (parts[0]) {
            case "Users" -> users;
            case "Groups" -> groups;
            default -> null;
        };
        if (kind == null || parts.length > 2) {
            return error(404, null, "unknown endpoint " + path);
        }
        String id = parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
        String method = ex.getRequestMethod();
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        boolean withMembers = !query.getOrDefault("excludedAttributes", "").contains("members");
        if (id == null) {
            return switch (method) {
                case "POST" -> create(kind, JSON.readTree(in));
                case "GET" -> list(kind, query, withMembers);
                default -> error(405, null, method + " is not allowed on " + path);
            };
        }
        return switch (method) {
            case "GET" -> get(kind, id, withMembers);
            case "PATCH", "PUT" -> method.equals("PUT") ? error(405, null, "use PATCH") : patch(kind, id, JSON.readTree(in));
            case "DELETE" -> delete(kind, id);
            default -> error(405, null, method + " is not allowed on " + path);
        };
    }

    private Reply create(Kind kind, JsonNode body) {
        if (!(body instanceof ObjectNode node)) {
            return error(400, "invalidSyntax", "the body must be a JSON object");
        }
        String key = node.path(kind.key).asString(null);
        if (key == null || key.isBlank()) {
            return error(400, "invalidValue", kind.key + " is required");
        }
        String id = UUID.randomUUID().toString();
        node.put("id", id);
        JsonNode members = node.remove("members");
        Resource r = new Resource(id, kind == groups, node);
        if (r.members != null && members != null && members.isArray()) {
            members.forEach(m -> r.members.add(m.path("value").asString()));
        }
        stamp(kind, r, true);
        synchronized (r) {
            if (kind.byKey.putIfAbsent(fold(key), r) != null) {
                conflicts.incrementAndGet();
                return error(409, "uniqueness", kind.key + " '" + key + "' already exists");
            }
            kind.byId.put(id, r);
        }
        wrote("POST", kind, id);
        return new Reply(201, render(r, true));
    }

    private Reply get(Kind kind, String id, boolean withMembers) {
        Resource r = kind.byId.get(id);
        return r == null ? error(404, null, kind.name + " " + id + " not found") : new Reply(200, render(r, withMembers));
    }

    private Reply list(Kind kind, Map<String, String> query, boolean withMembers) {
        int startIndex = Math.max(1, intParam(query, "startIndex", 1));
        int count = Math.max(0, intParam(query, "count", 100));
        List<Resource> matches;
        String filter = query.get("filter");
        if (filter == null) {
            matches = new ArrayList<>(kind.byId.values());
            matches.sort(Comparator.comparing(r -> r.id));
        } else {
            Matcher m = EQ_FILTER.matcher(filter);
            if (!m.matches()) {
                return error(400, "invalidFilter", "only 'attribute eq \"value\"' filters are supported");
            }
            String attribute = m.group(1);
            String value = ScimPatch.unescape(m.group(2));
            matches = new ArrayList<>();
            if (attribute.equalsIgnoreCase(kind.key)) {
                Resource r = kind.byKey.get(fold(value));
                if (r != null) {
                    matches.add(r);
                }
            } else if (attribute.equalsIgnoreCase("id")) {
                Resource r = kind.byId.get(value);
                if (r != null) {
                    matches.add(r);
                }
            } else {
                // not indexed: a scan, as a real server without that index would do
                for (Resource r : kind.byId.values()) {
                    JsonNode v;
                    synchronized (r) {
                        v = at(r.node, attribute);
                    }
                    if (v != null && !v.isContainer() && v.asString().equals(value)) {
                        matches.add(r);
                    }
                }
            }
        }
        ObjectNode out = JSON.createObjectNode();
        out.putArray("schemas").add(LIST_SCHEMA);
        out.put("totalResults", matches.size());
        ArrayNode resources = out.putArray("Resources");
        int from = Math.min(startIndex - 1, matches.size());
        int to = Math.min(from + count, matches.size());
        for (int i = from; i < to; i++) {
            resources.add(render(matches.get(i), withMembers));
        }
        out.put("startIndex", startIndex);
        out.put("itemsPerPage", to - from);
        return new Reply(200, out);
    }

    private Reply patch(Kind kind, String id, JsonNode patch) {
        Resource r = kind.byId.get(id);
        if (r == null) {
            return error(404, null, kind.name + " " + id + " not found");
        }
        synchronized (r) {
            if (!kind.byId.containsKey(id)) {
                return error(404, null, kind.name + " " + id + " not found");
            }
            ObjectNode next = r.node.deepCopy();
            ScimPatch.apply(patch, next, r.members);
            String oldKey = fold(r.node.path(kind.key).asString(""));
            String newKey = next.path(kind.key).asString(null);
            if (newKey == null || newKey.isBlank()) {
                return error(400, "mutability", kind.key + " cannot be removed");
            }
            if (!fold(newKey).equals(oldKey)) {
                if (kind.byKey.putIfAbsent(fold(newKey), r) != null) {
                    return error(409, "uniqueness", kind.key + " '" + newKey + "' already exists");
                }
                kind.byKey.remove(oldKey, r);
            }
            next.put("id", id);
            // meta is the server's: a PATCH of it is ignored, as of id
            JsonNode meta = r.node.get("meta");
            if (meta != null) {
                next.set("meta", meta.deepCopy());
            }
            r.node = next;
            stamp(kind, r, false);
        }
        wrote("PATCH", kind, id);
        // groups answer 204 so a member PATCH never renders thousands of members
        return r.group ? new Reply(204, null) : new Reply(200, render(r, false));
    }

    private Reply delete(Kind kind, String id) {
        Resource r = kind.byId.remove(id);
        if (r == null) {
            return error(404, null, kind.name + " " + id + " not found");
        }
        synchronized (r) {
            kind.byKey.remove(fold(r.node.path(kind.key).asString("")), r);
        }
        for (Resource g : groups.byId.values()) {
            synchronized (g) {
                g.members.remove(id);
            }
        }
        wrote("DELETE", kind, id);
        return new Reply(204, null);
    }

    private void wrote(String method, Kind kind, String id) {
        writes.incrementAndGet();
        listener.accept(new Write(method, kind.name, id, System.nanoTime()));
    }

    private void stamp(Kind kind, Resource r, boolean created) {
        String now = Instant.now().toString();
        // An update keeps the creation time.
        String createdAt = created ? now : r.node.path("meta").path("created").asString(null);
        ObjectNode meta = r.node.putObject("meta");
        meta.put("resourceType", kind.name);
        if (createdAt != null) {
            meta.put("created", createdAt);
        }
        meta.put("lastModified", now);
        meta.put("location", BASE_PATH + "/" + (kind == users ? "Users/" : "Groups/") + r.id);
    }

    private ObjectNode render(Resource r, boolean withMembers) {
        synchronized (r) {
            ObjectNode out = r.node.deepCopy();
            if (r.members != null && withMembers) {
                ArrayNode m = out.putArray("members");
                r.members.forEach(id -> m.addObject().put("value", id));
            }
            return out;
        }
    }

    private JsonNode copy(Resource r) {
        return render(r, false);
    }

    private static JsonNode at(JsonNode node, String attribute) {
        JsonNode n = node;
        for (String part : attribute.split("\\.")) {
            n = n.get(part);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    private static Reply error(int status, String scimType, String detail) {
        ObjectNode e = JSON.createObjectNode();
        e.putArray("schemas").add(ERROR_SCHEMA);
        e.put("status", Integer.toString(status));
        if (scimType != null) {
            e.put("scimType", scimType);
        }
        e.put("detail", detail);
        return new Reply(status, e);
    }

    /** userName and displayName are case-insensitive in SCIM (caseExact=false). */
    private static String fold(String key) {
        return key.toLowerCase(Locale.ROOT);
    }

    private static int intParam(Map<String, String> query, String name, int otherwise) {
        String v = query.get(name);
        try {
            return v == null ? otherwise : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }
}
