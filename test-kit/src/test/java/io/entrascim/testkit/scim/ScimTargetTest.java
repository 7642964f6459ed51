package io.entrascim.testkit.scim;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScimTargetTest {

    static ScimTarget target;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        target = ScimTarget.start(0);
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    @BeforeEach
    void reset() {
        target.reset();
    }

    @Test
    void defaultTokenLooksLikeTaniums() {
        assertThat(target.token()).matches("token-[A-Za-z0-9]{58}");
    }

    @Test
    void createsFindsAndRejectsDuplicateUserName() throws Exception {
        HttpResponse<String> created = send("POST", "/Users", user("alice@contoso.com"), target.token());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Content-Type")).hasValue("application/scim+json");
        HttpResponse<String> dup = send("POST", "/Users", user("ALICE@contoso.com"), target.token());
        assertThat(dup.statusCode()).isEqualTo(409);
        assertThat(dup.body()).contains("uniqueness");
        HttpResponse<String> found = send("GET", "/Users?filter=" + enc("userName eq \"alice@contoso.com\""), null, target.token());
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains("\"totalResults\":1");
        HttpResponse<String> none = send("GET", "/Users?filter=" + enc("userName eq \"nobody\""), null, target.token());
        assertThat(none.body()).contains("\"totalResults\":0");
        assertThat(target.userCount()).isEqualTo(1);
        assertThat(target.requests()).extracting(RecordedRequest::method).containsExactly("POST", "POST", "GET", "GET");
    }

    @Test
    void patchToATakenUserNameIsRejectedAndARenameFreesTheOldName() throws Exception {
        assertThat(send("POST", "/Users", user("ada@contoso.com"), target.token()).statusCode()).isEqualTo(201);
        HttpResponse<String> grace = send("POST", "/Users", user("grace@contoso.com"), target.token());
        String graceId = grace.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
        String toAda = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\","
                + "\"path\":\"userName\",\"value\":\"ada@contoso.com\"}]}";
        HttpResponse<String> clash = send("PATCH", "/Users/" + graceId, toAda, target.token());
        assertThat(clash.statusCode()).as(clash.body()).isEqualTo(409);
        assertThat(clash.body()).contains("uniqueness");

        String toLin = toAda.replace("ada@contoso.com", "lin@contoso.com");
        assertThat(send("PATCH", "/Users/" + graceId, toLin, target.token()).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/Users?filter=" + enc("userName eq \"grace@contoso.com\""), null, target.token()).body())
                .as("the old name is free again").contains("\"totalResults\":0");
        assertThat(send("POST", "/Users", user("grace@contoso.com"), target.token()).statusCode()).isEqualTo(201);
    }

    @Test
    void filterValueWithQuoteAndBackslashIsMatchedLiterally() throws Exception {
        String hostile = "o\"brien\\x@contoso.com";
        String json = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":"
                + "\"o\\\"brien\\\\x@contoso.com\",\"active\":true}";
        assertThat(send("POST", "/Users", json, target.token()).statusCode()).isEqualTo(201);
        String filter = "userName eq \"o\\\"brien\\\\x@contoso.com\"";
        HttpResponse<String> found = send("GET", "/Users?filter=" + enc(filter), null, target.token());
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains("\"totalResults\":1");
        assertThat(target.userByUserName(hostile)).isPresent();
    }

    @Test
    void rejectsMissingOrWrongToken() throws Exception {
        assertThat(send("GET", "/Users", null, "token-wrong").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/Users", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void acceptsRfcAndEntraLegacyPatchForms() throws Exception {
        String id = idOf(send("POST", "/Users", user("bob@contoso.com"), target.token()).body());
        HttpResponse<String> rfc = send("PATCH", "/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}", target.token());
        assertThat(rfc.statusCode()).isBetween(200, 204);
        assertThat(target.userByUserName("bob@contoso.com").orElseThrow().get("active")).isEqualTo(false);
        HttpResponse<String> legacy = send("PATCH", "/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"True\"},"
                + "{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"Bob B\"}]}", target.token());
        assertThat(legacy.statusCode()).as(legacy.body()).isBetween(200, 204);
        Map<String, Object> bob = target.userByUserName("bob@contoso.com").orElseThrow();
        assertThat(bob.get("active")).isEqualTo(true);
        assertThat(bob.get("displayName")).isEqualTo("Bob B");
    }

    @Test
    void groupMembersAddedAndRemovedInBothDialects() throws Exception {
        String u1 = idOf(send("POST", "/Users", user("u1@contoso.com"), target.token()).body());
        String u2 = idOf(send("POST", "/Users", user("u2@contoso.com"), target.token()).body());
        String g = idOf(send("POST", "/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"Admins\",\"externalId\":\"g-1\"}", target.token()).body());
        assertThat(send("POST", "/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"admins\"}", target.token()).statusCode()).isEqualTo(409);
        HttpResponse<String> add = send("PATCH", "/Groups/" + g, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + u1 + "\"},{\"value\":\"" + u2 + "\"}]}]}",
                target.token());
        assertThat(add.statusCode()).as(add.body()).isBetween(200, 204);
        assertThat(target.memberIds(g)).containsExactlyInAnyOrder(u1, u2);
        send("PATCH", "/Groups/" + g, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + u1 + "\"}]}]}", target.token());
        assertThat(target.memberIds(g)).as("members are a set").containsExactlyInAnyOrder(u1, u2);
        HttpResponse<String> rfcRemove = send("PATCH", "/Groups/" + g, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + u1 + "\\\"]\"}]}", target.token());
        assertThat(rfcRemove.statusCode()).as(rfcRemove.body()).isBetween(200, 204);
        assertThat(target.memberIds(g)).containsExactly(u2);
        HttpResponse<String> legacyRemove = send("PATCH", "/Groups/" + g, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + u2 + "\"}]}]}", target.token());
        assertThat(legacyRemove.statusCode()).as(legacyRemove.body()).isBetween(200, 204);
        assertThat(target.memberIds(g)).isEmpty();
    }

    @Test
    void deleteAnswers204Then404() throws Exception {
        String id = idOf(send("POST", "/Users", user("carol@contoso.com"), target.token()).body());
        assertThat(send("DELETE", "/Users/" + id, null, target.token()).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/Users/" + id, null, target.token()).statusCode()).isEqualTo(404);
    }

    @Test
    void injectsFaultsForNextRequestsAndWindows() throws Exception {
        target.faults().next(2, Fault.tooManyRequests(Duration.ofSeconds(2)));
        HttpResponse<String> first = send("GET", "/Users", null, target.token());
        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(send("GET", "/Users", null, target.token()).statusCode()).isEqualTo(429);
        assertThat(send("GET", "/Users", null, target.token()).statusCode()).isEqualTo(200);

        target.faults().next(1, Fault.conflictOnCreate());
        assertThat(send("GET", "/Users", null, target.token()).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/Users", user("dan@contoso.com"), target.token()).statusCode()).isEqualTo(409);

        target.faults().during(Duration.ofMillis(300), Fault.status(503));
        assertThat(send("GET", "/Users", null, target.token()).statusCode()).isEqualTo(503);
        Thread.sleep(400);
        assertThat(send("GET", "/Users", null, target.token()).statusCode()).isEqualTo(200);

        target.faults().next(1, Fault.slow(Duration.ofMillis(300)));
        long t0 = System.nanoTime();
        assertThat(send("GET", "/Users", null, target.token()).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

        // POST: the JDK client silently retries an idempotent GET once after a dropped connection.
        target.faults().next(1, Fault.dropConnection());
        assertThatThrownBy(() -> send("POST", "/Users", user("erin@contoso.com"), target.token())).isInstanceOf(IOException.class);
        assertThat(send("GET", "/Users", null, target.token()).statusCode()).isEqualTo(200);
    }

    private static String user(String userName) {
        return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName
                + "\",\"active\":true,\"displayName\":\"" + userName + "\",\"externalId\":\"ext-" + userName + "\"}";
    }

    private static String idOf(String json) {
        int i = json.indexOf("\"id\":\"") + 6;
        return json.substring(i, json.indexOf('"', i));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target.baseUrl() + path)).timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/scim+json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
