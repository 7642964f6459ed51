package io.entrascim.testkit.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DemoTenantGraphApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private DemoTenant tenant;
    private String token;

    @BeforeEach
    void start() throws Exception {
        tenant = DemoTenant.start(0, TenantSeed.empty().withUsers(25).withGroups(3).withMemberships(30)
                .withAssignedGroups(1).withAssignedUsers(2).withPageSize(10).withMemberSliceSize(4));
        token = issueToken(tenant.clientSecret()).path("access_token").asString();
    }

    @AfterEach
    void stop() {
        tenant.close();
    }

    @Test
    void issuesTokensOnlyForTheRightSecretAndRejectsGraphCallsWithoutOne() throws Exception {
        assertThat(token).isNotBlank();
        HttpResponse<String> bad = post(tenant.tokenUrl(), form("wrong"));
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(bad.body()).path("error").asString()).isEqualTo("invalid_client");
        HttpResponse<String> anon = http.send(HttpRequest.newBuilder(URI.create(tenant.graphUrl() + "/users/delta")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anon.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anon.body()).path("error").path("code").asString()).isEqualTo("InvalidAuthenticationToken");
    }

    @Test
    void pagesUsersToADeltaLinkAndThenReportsOnlyChangesWithRemovedReasons() throws Exception {
        List<JsonNode> all = new ArrayList<>();
        String deltaLink = readAll(tenant.graphUrl() + "/users/delta?$select=displayName,userPrincipalName,accountEnabled", all);
        assertThat(all).hasSize(25);
        assertThat(all.get(0).has("userPrincipalName")).isTrue();
        assertThat(all.get(0).has("givenName")).isFalse();

        String a = all.get(0).path("id").asString();
        String b = all.get(1).path("id").asString();
        String c = all.get(2).path("id").asString();
        tenant.updateUser(a, Map.of("displayName", "Renamed"));
        tenant.softDeleteUser(b);
        tenant.hardDeleteUser(c);
        List<JsonNode> changes = new ArrayList<>();
        String next = readAll(deltaLink, changes);
        assertThat(changes).hasSize(3);
        JsonNode renamed = changes.stream().filter(n -> n.path("id").asString().equals(a)).findFirst().orElseThrow();
        assertThat(renamed.path("displayName").asString()).isEqualTo("Renamed");
        assertThat(renamed.path("userPrincipalName").asString()).as("default mode returns unchanged selected props").isNotBlank();
        assertThat(reason(changes, b)).isEqualTo("changed");
        assertThat(reason(changes, c)).isEqualTo("deleted");

        tenant.restoreUser(b);
        tenant.updateUser(a, Map.of("accountEnabled", false));
        List<JsonNode> minimal = new ArrayList<>();
        HttpResponse<String> r = get(next, true);
        JsonNode page = JSON.readTree(r.body());
        page.path("value").forEach(minimal::add);
        JsonNode disabled = minimal.stream().filter(n -> n.path("id").asString().equals(a)).findFirst().orElseThrow();
        assertThat(disabled.has("displayName")).as("minimal returns only changed props").isFalse();
        assertThat(disabled.path("accountEnabled").asBoolean()).isFalse();
        JsonNode restored = minimal.stream().filter(n -> n.path("id").asString().equals(b)).findFirst().orElseThrow();
        assertThat(restored.has("@removed")).isFalse();
        assertThat(restored.path("userPrincipalName").asString()).isNotBlank();
    }

    @Test
    void splitsALargeGroupsMembersAcrossPagesAndReportsMembershipDeltas() throws Exception {
        List<JsonNode> groups = new ArrayList<>();
        String deltaLink = readAll(tenant.graphUrl() + "/groups/delta?$select=displayName,members", groups);
        String big = groups.get(0).path("id").asString();
        Set<String> members = new HashSet<>();
        int appearances = 0;
        for (JsonNode g : groups) {
            if (g.path("id").asString().equals(big)) {
                appearances++;
                g.path("members@delta").forEach(m -> members.add(m.path("id").asString()));
            }
        }
        assertThat(appearances).isGreaterThan(1);
        assertThat(members).containsExactlyInAnyOrderElementsOf(tenant.members(big));

        String user = tenant.createUser("new.member@demo.entrascim.io", "New Member");
        String leaving = tenant.members(big).get(0);
        tenant.addMember(big, user);
        tenant.removeMember(big, leaving);
        List<JsonNode> changes = new ArrayList<>();
        readAll(deltaLink, changes);
        assertThat(changes).hasSize(1);
        JsonNode delta = changes.get(0).path("members@delta");
        assertThat(delta).hasSize(2);
        for (JsonNode m : delta) {
            boolean removed = m.has("@removed");
            assertThat(removed).isEqualTo(m.path("id").asString().equals(leaving));
        }
    }

    @Test
    void expiredDeltaTokenAnswers410WithLocationAndFaultsCarryRetryAfter() throws Exception {
        String deltaLink = readAll(tenant.graphUrl() + "/users/delta?$select=displayName", new ArrayList<>());
        tenant.expireDeltaTokens();
        HttpResponse<String> gone = get(deltaLink, false);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/users/delta"));
        assertThat(JSON.readTree(gone.body()).path("error").path("code").asString()).isEqualTo("syncStateNotFound");

        tenant.failNextRequests(1, 429, 2);
        HttpResponse<String> throttled = get(tenant.graphUrl() + "/users/delta", false);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("2");
        assertThat(get(tenant.graphUrl() + "/users/delta", false).statusCode()).isEqualTo(200);
    }

    @Test
    void servesObjectsByIdAndUpnAndPagedAppRoleAssignments() throws Exception {
        String id = tenant.createUser("o'neil@demo.entrascim.io", "O Neil");
        JsonNode byId = JSON.readTree(get(tenant.graphUrl() + "/users/" + id + "?$select=displayName", false).body());
        assertThat(byId.path("displayName").asString()).isEqualTo("O Neil");
        String filter = URLEncoder.encode("userPrincipalName eq 'o''neil@demo.entrascim.io'", StandardCharsets.UTF_8);
        JsonNode byUpn = JSON.readTree(get(tenant.graphUrl() + "/users?$filter=" + filter, false).body());
        assertThat(byUpn.path("value").get(0).path("id").asString()).isEqualTo(id);
        assertThat(get(tenant.graphUrl() + "/users/nope", false).statusCode()).isEqualTo(404);
        HttpResponse<String> count = http.send(HttpRequest.newBuilder(URI.create(tenant.graphUrl() + "/users/$count"))
                .header("Authorization", "Bearer " + token).header("ConsistencyLevel", "eventual").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(count.body()).isEqualTo("26");

        tenant.assign(id);
        List<JsonNode> assignments = new ArrayList<>();
        String link = tenant.graphUrl() + "/servicePrincipals/" + tenant.servicePrincipalId() + "/appRoleAssignedTo?$top=2";
        while (link != null) {
            JsonNode page = JSON.readTree(get(link, false).body());
            page.path("value").forEach(assignments::add);
            link = page.has("@odata.nextLink") ? page.path("@odata.nextLink").asString() : null;
        }
        assertThat(assignments).hasSize(4);
        assertThat(assignments).anySatisfy(a -> {
            assertThat(a.path("principalId").asString()).isEqualTo(id);
            assertThat(a.path("principalType").asString()).isEqualTo("User");
        });
    }

    @Test
    void adminApiChangesTheTenant() throws Exception {
        HttpResponse<String> created = post(tenant.baseUrl() + "/_demo/users",
                "{\"userPrincipalName\":\"curl@demo.entrascim.io\",\"displayName\":\"Curl\"}", "application/json");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = JSON.readTree(created.body()).path("id").asString();
        HttpResponse<String> patched = http.send(HttpRequest.newBuilder(URI.create(tenant.baseUrl() + "/_demo/users/" + id))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"jobTitle\":\"Tester\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(post(tenant.baseUrl() + "/_demo/users/" + id + "/soft-delete", "", "application/json").statusCode()).isEqualTo(200);
        assertThat(tenant.user(id)).isNull();
        assertThat(post(tenant.baseUrl() + "/_demo/users", "{}", "application/json").statusCode()).isEqualTo(400);
    }

    private String reason(List<JsonNode> nodes, String id) {
        return nodes.stream().filter(n -> n.path("id").asString().equals(id)).findFirst().orElseThrow()
                .path("@removed").path("reason").asString();
    }

    private String readAll(String link, List<JsonNode> into) throws Exception {
        while (true) {
            HttpResponse<String> r = get(link, false);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode page = JSON.readTree(r.body());
            page.path("value").forEach(into::add);
            if (page.has("@odata.deltaLink")) {
                return page.path("@odata.deltaLink").asString();
            }
            link = page.path("@odata.nextLink").asString();
        }
    }

    private HttpResponse<String> get(String url, boolean minimal) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
        if (minimal) {
            b.header("Prefer", "return=minimal");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode issueToken(String secret) throws Exception {
        HttpResponse<String> r = post(tenant.tokenUrl(), form(secret));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private String form(String secret) {
        return "grant_type=client_credentials&client_id=" + tenant.clientId() + "&client_secret=" + secret
                + "&scope=" + URLEncoder.encode("https://graph.microsoft.com/.default", StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return post(url, body, "application/x-www-form-urlencoded");
    }

    private HttpResponse<String> post(String url, String body, String type) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
