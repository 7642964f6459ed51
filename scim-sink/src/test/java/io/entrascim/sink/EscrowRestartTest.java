package io.entrascim.sink;

import io.entrascim.contracts.Operation;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.StepType;
import io.entrascim.sink.core.LinkStore;
import io.entrascim.sink.core.Outcome;
import io.entrascim.sink.core.ParkedManagers;
import io.entrascim.sink.core.ParkedMembers;
import io.entrascim.sink.core.Reconciler;
import io.entrascim.testkit.scim.Fault;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/restart?scope=escrows}: every parked member / manager reference is retried now. */
class EscrowRestartTest extends SinkTestBase {

    static final String MANAGER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager";

    @LocalServerPort
    int port;
    @Autowired
    Reconciler reconciler;
    @Autowired
    LinkStore links;
    @Autowired
    ParkedMembers parkedMembers;
    @Autowired
    ParkedManagers parkedManagers;
    @Autowired
    JdbcTemplate jdbc;

    private Outcome upsertUser(String id, Map<String, Object> attributes) {
        return reconciler.apply(user(id, Operation.UPSERT, "esc-" + id + "@contoso.com", attributes)).get(0);
    }

    private int post(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void retryResolvesWhatBecameResolvableDropsExpiredUnresolvableAndKeepsTheRest() throws Exception {
        // A member whose resolution PATCH failed when it was provisioned: linked now, still parked.
        String g = newId();
        Outcome group = reconciler.apply(group(g, Operation.UPSERT, "Escrow " + g, List.of())).get(0);
        String member = newId();
        reconciler.apply(group(g, Operation.ADD_MEMBERS, null, List.of(member)));
        TARGET.faults().next(1, Fault.status(400).onlyFor("PATCH"));
        assertThat(upsertUser(member, Map.of()).status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(parkedMembers.involving(member)).hasSize(1);
        assertThat(TARGET.memberIds(group.targetId())).isEmpty();

        // The same for a manager reference.
        String report = newId();
        String boss = newId();
        assertThat(upsertUser(report, Map.of(MANAGER, boss)).status()).isEqualTo(ProvisioningStatus.WARNING);
        TARGET.faults().next(1, Fault.status(400).onlyFor("PATCH"));
        assertThat(upsertUser(boss, Map.of()).status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(parkedManagers.involving(boss)).hasSize(1);

        // Waiting for 30 days for a member the sink never saw: dropped. Waiting since now: still parked.
        String g2 = newId();
        reconciler.apply(group(g2, Operation.UPSERT, "Escrow expired " + g2, List.of()));
        String neverSeen = newId();
        reconciler.apply(group(g2, Operation.ADD_MEMBERS, null, List.of(neverSeen)));
        jdbc.update("update scim_sink.parked_member set parked_at = now() - interval '30 days' where member_source_id = ?", neverSeen);
        String g3 = newId();
        reconciler.apply(group(g3, Operation.UPSERT, "Escrow waiting " + g3, List.of()));
        String notYet = newId();
        reconciler.apply(group(g3, Operation.ADD_MEMBERS, null, List.of(notYet)));

        // Refused while paused: a pause stops SCIM writes.
        SinkApi.post(port, "/api/pause", "");
        try {
            assertThat(post("/api/restart?scope=escrows")).isEqualTo(409);
        } finally {
            SinkApi.post(port, "/api/resume", "");
        }
        assertThat(post("/api/restart?scope=full")).isEqualTo(400);

        JsonNode r = SinkApi.post(port, "/api/restart?scope=escrows", "");
        assertThat(r.get("scope").asString()).isEqualTo("escrows");
        assertThat(r.get("resolved").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(r.get("dropped").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(r.get("stillParked").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(r.get("retried").asInt())
                .isEqualTo(r.get("resolved").asInt() + r.get("stillParked").asInt() + r.get("dropped").asInt());

        assertThat(TARGET.memberIds(group.targetId())).containsExactly(links.targetId(member).orElseThrow());
        assertThat(parkedMembers.involving(member)).isEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> enterprise = (Map<String, Object>) TARGET.userByUserName("esc-" + report + "@contoso.com")
                .orElseThrow().get("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        assertThat(((Map<?, ?>) enterprise.get("manager")).get("value")).isEqualTo(links.targetId(boss).orElseThrow());
        assertThat(parkedManagers.involving(boss)).isEmpty();
        assertThat(parkedMembers.involving(neverSeen)).isEmpty();
        assertThat(parkedMembers.involving(notYet)).hasSize(1);

        ProvisioningResult resolved = awaitResult(x -> x.sourceIdentity().id().equals(report)
                && x.steps().stream().allMatch(s -> s.type() == StepType.REFERENCE_RESOLUTION)
                && x.status() == ProvisioningStatus.SUCCESS);
        assertThat(resolved.sourceIdentity().identityType()).isEqualTo("User");
        ProvisioningResult drop = awaitResult(x -> x.sourceIdentity().id().equals(g2) && x.error() != null
                && "UnresolvedReferenceDropped".equals(x.error().errorCode()));
        assertThat(drop.status()).isEqualTo(ProvisioningStatus.SKIPPED);
        assertThat(drop.error().reason()).contains(neverSeen).contains("no target id");
    }
}
