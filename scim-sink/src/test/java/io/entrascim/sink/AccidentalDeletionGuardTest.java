package io.entrascim.sink;

import io.entrascim.contracts.Operation;
import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.ProvisioningStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Threshold 10 in the shared test configuration: the 10th disable/delete of a cycle trips the guard. */
class AccidentalDeletionGuardTest extends SinkTestBase {

    private static final int THRESHOLD = 10;

    @LocalServerPort
    int port;

    @Test
    void overThresholdDeletionsAreStagedThenAllowedExecutedOrRejectedDropped() throws Exception {
        // Start from zero whatever other classes deleted in the last hour (reject also resets the counters).
        SinkApi.post(port, "/api/deletions/reject", "{}");

        // --- trip: 12 disables in one cycle -> 9 executed, 3 staged; creates keep flowing
        List<ProvisioningCommand> users = createUsers("guard-a", 12);
        String cycle = "guard-cycle-" + newId();
        List<ProvisioningCommand> disables = users.stream()
                .map(u -> inCycle(user(u.sourceObjectId(), Operation.DISABLE, null, Map.of()), cycle)).toList();
        disables.forEach(this::send);
        List<ProvisioningResult> outcomes = disables.stream().map(SinkTestBase::awaitResultFor).toList();
        List<ProvisioningResult> staged = outcomes.stream().filter(r -> r.action() == ProvisioningAction.STAGED_DELETE).toList();
        assertThat(staged).hasSize(12 - (THRESHOLD - 1));
        assertThat(staged).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(ProvisioningStatus.WARNING);
            assertThat(r.steps().get(0).description()).contains("accidental-deletion guard").contains("threshold " + THRESHOLD);
        });
        assertThat(outcomes).filteredOn(r -> r.action() == ProvisioningAction.DISABLE)
                .hasSize(THRESHOLD - 1).allSatisfy(r -> assertThat(r.status()).isEqualTo(ProvisioningStatus.SUCCESS));
        Set<String> stagedIds = staged.stream().map(r -> r.sourceIdentity().id()).collect(Collectors.toSet());
        assertThat(activeOf(users, stagedIds)).containsOnly(true);

        JsonNode listing = SinkApi.get(port, "/api/deletions");
        assertThat(listing.get("guard").get("state").asString()).isEqualTo("TRIPPED");
        assertThat(listing.get("held").asInt()).isEqualTo(3);
        assertThat(listing.get("items")).hasSize(3);
        assertThat(listing.get("items").get(0).get("operation").asString()).isEqualTo("DISABLE");

        // one mail for the trip (once per reason), with what to do
        await().atMost(Duration.ofSeconds(15)).until(() -> Mails.received().stream()
                .anyMatch(m -> m.subject().contains("Accidental-deletion guard tripped") && m.body().contains(cycle)));
        assertThat(Mails.received()).filteredOn(m -> m.subject().contains("Accidental-deletion guard tripped")
                && m.body().contains(cycle)).hasSize(2); // one mail, a copy per recipient's mailbox

        List<ProvisioningCommand> stillFlowing = createUsers("guard-flow", 1);
        assertThat(TARGET.userByUserName(userName(stillFlowing.get(0)))).isPresent();

        // --- allow: the held disables run, in order, and counting restarts
        JsonNode allowed = SinkApi.post(port, "/api/deletions/allow", "{}");
        assertThat(allowed.get("processed").asInt()).isEqualTo(3);
        assertThat(activeOf(users, stagedIds)).containsOnly(false);
        for (ProvisioningCommand d : disables) {
            if (stagedIds.contains(d.sourceObjectId())) {
                assertThat(awaitResult(r -> r.changeId().equals(d.causingEventId()) && r.action() == ProvisioningAction.DISABLE)
                        .status()).isEqualTo(ProvisioningStatus.SUCCESS);
            }
        }
        assertThat(SinkApi.get(port, "/api/deletions").get("guard").get("state").asString()).isEqualTo("COUNTING");

        // --- reject: 12 deletes in another cycle -> 3 staged, rejected, audited, never sent
        List<ProvisioningCommand> others = createUsers("guard-b", 12);
        String cycle2 = "guard-cycle-" + newId();
        List<ProvisioningCommand> deletes = others.stream()
                .map(u -> inCycle(user(u.sourceObjectId(), Operation.DELETE, null, Map.of()), cycle2)).toList();
        deletes.forEach(this::send);
        List<ProvisioningResult> second = deletes.stream().map(SinkTestBase::awaitResultFor).toList();
        Set<String> held = second.stream().filter(r -> r.action() == ProvisioningAction.STAGED_DELETE)
                .map(r -> r.sourceIdentity().id()).collect(Collectors.toSet());
        assertThat(held).hasSize(3);

        // a later update of a held object makes its held delete stale: dropped, audited, never executed
        String renewed = held.iterator().next();
        ProvisioningCommand original = others.stream().filter(o -> o.sourceObjectId().equals(renewed)).findFirst().orElseThrow();
        ProvisioningCommand update = user(renewed, Operation.UPSERT, userName(original), Map.of("active", true, "displayName", "Back"));
        send(update);
        assertThat(awaitResultFor(update).status()).isIn(ProvisioningStatus.SUCCESS, ProvisioningStatus.SKIPPED);
        ProvisioningCommand staleDelete = deletes.stream().filter(d -> d.sourceObjectId().equals(renewed)).findFirst().orElseThrow();
        assertThat(awaitResult(r -> r.changeId().equals(staleDelete.causingEventId())
                && r.status() == ProvisioningStatus.SKIPPED).steps().get(0).description()).contains("superseded");

        JsonNode rejected = SinkApi.post(port, "/api/deletions/reject", "{}");
        assertThat(rejected.get("processed").asInt()).isEqualTo(2);
        assertThat(SinkApi.get(port, "/api/deletions").get("held").asInt()).isZero();
        for (ProvisioningCommand d : deletes) {
            if (held.contains(d.sourceObjectId()) && !d.sourceObjectId().equals(renewed)) {
                ProvisioningResult audit = awaitResult(r -> r.changeId().equals(d.causingEventId())
                        && r.action() == ProvisioningAction.STAGED_DELETE && r.status() == ProvisioningStatus.SKIPPED);
                assertThat(audit.steps().get(0).description()).contains("rejected by an operator");
                assertThat(TARGET.userByUserName(userName(others.stream()
                        .filter(o -> o.sourceObjectId().equals(d.sourceObjectId())).findFirst().orElseThrow()))).isPresent();
            }
        }
        assertThat(others.stream().filter(o -> !held.contains(o.sourceObjectId()))
                .filter(o -> TARGET.userByUserName(userName(o)).isPresent())).isEmpty();
    }

    private List<ProvisioningCommand> createUsers(String prefix, int n) {
        List<ProvisioningCommand> created = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = newId();
            ProvisioningCommand c = user(id, Operation.UPSERT, prefix + "-" + id + "@contoso.com", Map.of("active", true));
            send(c);
            created.add(c);
        }
        created.forEach(c -> assertThat(awaitResultFor(c).status()).isEqualTo(ProvisioningStatus.SUCCESS));
        return created;
    }

    private static String userName(ProvisioningCommand c) {
        return (String) c.attributes().stream().filter(a -> a.name().equals("userName")).findFirst().orElseThrow().value();
    }

    private static List<Object> activeOf(List<ProvisioningCommand> users, Set<String> ids) {
        return users.stream().filter(u -> ids.contains(u.sourceObjectId()))
                .map(u -> TARGET.userByUserName(userName(u)).orElseThrow().get("active")).toList();
    }

    private static ProvisioningCommand inCycle(ProvisioningCommand c, String cycle) {
        return new ProvisioningCommand(c.schemaVersion(), c.commandId(), c.causingEventId(), cycle, c.origin(), c.objectType(),
                c.sourceObjectId(), c.sourceDisplayName(), c.operation(), c.attributes(), c.matching(), c.memberSourceIds(),
                c.issuedAt(), c.replayOf());
    }
}
