package io.entrascim.testkit.fastscim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class FastScimTargetTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static FastScimTarget target;

    @BeforeAll
    static void start() {
        target = FastScimTarget.start(0);
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    @BeforeEach
    void clean() {
        target.reset();
    }

    record Answer(int status, JsonNode body) {
    }

    private static Answer call(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
                .header("Content-Type", "application/scim+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body().isEmpty() ? null : FastScimTarget.JSON.readTree(r.body()));
    }

    private static Answer call(String method, String path, String body) throws Exception {
        return call(method, path, body, target.token());
    }

    private static String user(String userName) {
        return "{\"schemas\":[\"" + FastScimTarget.USER_SCHEMA + "\"],\"userName\":" + FastScimTarget.JSON.writeValueAsString(userName)
                + ",\"displayName\":\"D\",\"active\":true,\"emails\":[{\"type\":\"work\",\"value\":\"a@x\",\"primary\":true}]}";
    }

    private static String filter(String attribute, String value) {
        String literal = value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return URLEncoder.encode(attribute + " eq \"" + literal + "\"", StandardCharsets.UTF_8);
    }

    @Test
    void refusesRequestsWithoutTheBearerToken() throws Exception {
        assertThat(call("GET", "/Users?count=0", null, null).status()).isEqualTo(401);
        assertThat(call("GET", "/Users?count=0", null, "wrong").status()).isEqualTo(401);
    }

    @Test
    void createsFindsAndRefusesDuplicateUserNamesCaseInsensitively() throws Exception {
        Answer created = call("POST", "/Users", user("ada@contoso.example"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("id").asString();
        assertThat(call("GET", "/Users/" + id, null).body().path("userName").asString()).isEqualTo("ada@contoso.example");

        Answer dup = call("POST", "/Users", user("ADA@contoso.example"));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.body().path("scimType").asString()).isEqualTo("uniqueness");

        Answer found = call("GET", "/Users?filter=" + filter("userName", "ada@contoso.example"), null);
        assertThat(found.body().path("totalResults").asInt()).isEqualTo(1);
        assertThat(found.body().path("Resources").get(0).path("id").asString()).isEqualTo(id);
        Answer none = call("GET", "/Users?filter=" + filter("userName", "nobody"), null);
        assertThat(none.body().path("totalResults").asInt()).isZero();
        assertThat(none.body().path("Resources").size()).isZero();

        call("POST", "/Users", user("grace@contoso.example"));
        Answer totals = call("GET", "/Users?count=0", null);
        assertThat(totals.body().path("totalResults").asInt()).isEqualTo(2);
        assertThat(totals.body().path("Resources").size()).isZero();
        assertThat(target.userCount()).isEqualTo(2);
        assertThat(target.conflictCount()).isEqualTo(1);
        assertThat(call("GET", "/Users/missing", null).status()).isEqualTo(404);
    }

    @Test
    void hostileUserNamesRoundTripByteExactThroughFilters() throws Exception {
        String hostile = "o'\"brien\\x\n\u202Eשלום 👩‍💻@contoso.example";
        assertThat(call("POST", "/Users", user(hostile)).status()).isEqualTo(201);
        Answer found = call("GET", "/Users?filter=" + filter("userName", hostile), null);
        assertThat(found.body().path("totalResults").asInt()).isEqualTo(1);
        assertThat(found.body().path("Resources").get(0).path("userName").asString()).isEqualTo(hostile);
        assertThat(target.snapshot().users()).containsOnlyKeys(hostile);
    }

    @Test
    void patchesUsersInTheRfcDialect() throws Exception {
        String id = call("POST", "/Users", user("u1")).body().path("id").asString();
        Answer patched = call("PATCH", "/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"replace","path":"displayName","value":"New Name"},
                 {"op":"replace","path":"active","value":false},
                 {"op":"replace","path":"name.givenName","value":"Ada"},
                 {"op":"replace","path":"emails[type eq \\"work\\"].value","value":"b@x"},
                 {"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"42"}]}
                """);
        assertThat(patched.status()).isEqualTo(200);
        JsonNode u = target.userByUserName("u1").orElseThrow();
        assertThat(u.path("displayName").asString()).isEqualTo("New Name");
        assertThat(u.path("active").isBoolean()).isTrue();
        assertThat(u.path("active").booleanValue()).isFalse();
        assertThat(u.path("name").path("givenName").asString()).isEqualTo("Ada");
        assertThat(u.path("emails").size()).isEqualTo(1);
        assertThat(u.path("emails").get(0).path("value").asString()).isEqualTo("b@x");
        assertThat(u.path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").path("employeeNumber").asString())
                .isEqualTo("42");
    }

    /** The sink tells its own lost creates by meta.created: a PATCH (of meta too) must not move or drop it. */
    @Test
    void aPatchKeepsTheCreationTimeAndMovesTheModificationTime() throws Exception {
        JsonNode created = call("POST", "/Users", user("meta@contoso.example")).body();
        String id = created.path("id").asString();
        String createdAt = created.path("meta").path("created").asString();
        Thread.sleep(5);
        call("PATCH", "/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"replace","path":"displayName","value":"E"},
                 {"op":"replace","path":"meta.created","value":"2000-01-01T00:00:00Z"}]}""");

        JsonNode meta = call("GET", "/Users/" + id, null).body().path("meta");
        assertThat(createdAt).isNotEmpty();
        assertThat(meta.path("created").asString()).isEqualTo(createdAt);
        assertThat(java.time.Instant.parse(meta.path("lastModified").asString())).isAfter(java.time.Instant.parse(createdAt));
    }

    @Test
    void patchesUsersInTheEntraLegacyDialectWithStringBooleans() throws Exception {
        String id = call("POST", "/Users", user("u2")).body().path("id").asString();
        assertThat(call("PATCH", "/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"Replace","path":"active","value":"False"},{"op":"Replace","path":"displayName","value":"L"}]}
                """).status()).isEqualTo(200);
        JsonNode u = target.userByUserName("u2").orElseThrow();
        assertThat(u.path("active").isBoolean()).isTrue();
        assertThat(u.path("active").booleanValue()).isFalse();
        assertThat(u.path("displayName").asString()).isEqualTo("L");
        assertThat(call("PATCH", "/Users/" + id, "{\"Operations\":[{\"op\":\"Jump\",\"path\":\"x\"}]}").status()).isEqualTo(400);
    }

    @Test
    void groupMembersAreAddedAndRemovedInBothDialectsIdempotently() throws Exception {
        String a = call("POST", "/Users", user("a")).body().path("id").asString();
        String b = call("POST", "/Users", user("b")).body().path("id").asString();
        String c = call("POST", "/Users", user("c")).body().path("id").asString();
        Answer g = call("POST", "/Groups", "{\"schemas\":[\"" + FastScimTarget.GROUP_SCHEMA + "\"],\"displayName\":\"Staff\"}");
        assertThat(g.status()).isEqualTo(201);
        String gid = g.body().path("id").asString();
        assertThat(call("POST", "/Groups", "{\"displayName\":\"staff\"}").status()).isEqualTo(409);

        String add = "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"%s\"},{\"value\":\"%s\"},{\"value\":\"%s\"}]}]}";
        assertThat(call("PATCH", "/Groups/" + gid, add.formatted(a, b, c)).status()).isEqualTo(204);
        assertThat(call("PATCH", "/Groups/" + gid, add.formatted(a, b, c)).status()).isEqualTo(204);
        assertThat(target.memberIds(gid)).containsExactly(a, b, c);

        String rfcRemove = "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"%s\\\"]\"}]}";
        assertThat(call("PATCH", "/Groups/" + gid, rfcRemove.formatted(a)).status()).isEqualTo(204);
        assertThat(call("PATCH", "/Groups/" + gid, rfcRemove.formatted(a)).status()).isEqualTo(204);
        String legacyRemove = "{\"Operations\":[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"%s\"}]}]}";
        assertThat(call("PATCH", "/Groups/" + gid, legacyRemove.formatted(b)).status()).isEqualTo(204);
        assertThat(target.memberIds(gid)).containsExactly(c);

        assertThat(call("GET", "/Groups/" + gid + "?excludedAttributes=members", null).body().has("members")).isFalse();
        assertThat(call("GET", "/Groups/" + gid, null).body().path("members").size()).isEqualTo(1);
        assertThat(call("GET", "/Groups?excludedAttributes=members&filter=" + filter("displayName", "Staff"), null)
                .body().path("totalResults").asInt()).isEqualTo(1);

        FastScimTarget.Snapshot s = target.snapshot();
        assertThat(s.memberNames()).containsEntry("Staff", java.util.Set.of("c"));
        assertThat(s.membershipCount()).isEqualTo(1);
        assertThat(target.membershipCount()).isEqualTo(1);
    }

    @Test
    void deleteRemovesTheUserAndItsMembershipsAndReportsWrites() throws Exception {
        List<FastScimTarget.Write> seen = new CopyOnWriteArrayList<>();
        target.onWrite(seen::add);
        try {
            String a = call("POST", "/Users", user("gone")).body().path("id").asString();
            String gid = call("POST", "/Groups", "{\"displayName\":\"G\"}").body().path("id").asString();
            call("PATCH", "/Groups/" + gid, "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + a + "\"}]}]}");
            assertThat(call("DELETE", "/Users/" + a, null).status()).isEqualTo(204);
            assertThat(call("DELETE", "/Users/" + a, null).status()).isEqualTo(404);
            assertThat(target.userByUserName("gone")).isEmpty();
            assertThat(target.memberIds(gid)).isEmpty();
            assertThat(seen).extracting(FastScimTarget.Write::method).containsExactly("POST", "POST", "PATCH", "DELETE");
            assertThat(target.writeCount()).isEqualTo(4);
        } finally {
            target.onWrite(null);
        }
    }

    @Test
    void answersStatusWithRetryAfterDuringAWindowThenServesAgain() throws Exception {
        target.faults().during(java.time.Duration.ofMinutes(1),
                TargetFaults.Fault.status(429, java.time.Duration.ofMillis(1500)));
        HttpResponse<String> throttled = HTTP.send(HttpRequest.newBuilder(URI.create(target.baseUrl() + "/Users"))
                .header("Authorization", "Bearer " + target.token()).header("Content-Type", "application/scim+json")
                .POST(HttpRequest.BodyPublishers.ofString(user("storm@contoso.example"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("2");
        assertThat(target.userCount()).as("a throttled request does no work").isZero();
        assertThat(target.faults().statusAnswers()).isEqualTo(1);
        assertThat(call("GET", "/Users?count=0", null, "wrong").status()).as("auth is checked first").isEqualTo(401);

        target.faults().clear();
        target.faults().during(java.time.Duration.ofMillis(150), TargetFaults.Fault.status(503, null));
        assertThat(call("GET", "/Users?count=0", null).status()).isEqualTo(503);
        Thread.sleep(200);
        assertThat(target.faults().pending()).isFalse();
        assertThat(call("POST", "/Users", user("storm@contoso.example")).status()).isEqualTo(201);
    }

    @Test
    void slowWindowsDelayTheAnswerButDoTheWork() throws Exception {
        target.faults().between(java.time.Duration.ofMinutes(10), java.time.Duration.ofMinutes(1),
                TargetFaults.Fault.status(503, null));
        assertThat(call("GET", "/Users?count=0", null).status()).as("a future window is not current").isEqualTo(200);
        target.faults().clear();
        target.faults().during(java.time.Duration.ofMinutes(1),
                TargetFaults.Fault.slow(java.time.Duration.ofMillis(200), java.time.Duration.ofMillis(300)));
        long t0 = System.nanoTime();
        assertThat(call("POST", "/Users", user("slow@contoso.example")).status()).isEqualTo(201);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(200);
        assertThat(target.userByUserName("slow@contoso.example")).isPresent();
        assertThat(target.faults().slowAnswers()).isEqualTo(1);
    }
}
