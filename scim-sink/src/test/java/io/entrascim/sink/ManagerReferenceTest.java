package io.entrascim.sink;

import io.entrascim.contracts.Operation;
import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.StepType;
import io.entrascim.sink.core.LinkStore;
import io.entrascim.sink.core.Outcome;
import io.entrascim.sink.core.ParkedManagers;
import io.entrascim.sink.core.Reconciler;
import io.entrascim.testkit.scim.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The enterprise manager reference: resolved to the manager's target id, parked while unknown, set when it appears. */
class ManagerReferenceTest extends SinkTestBase {

    static final String MANAGER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    @Autowired
    Reconciler reconciler;
    @Autowired
    LinkStore links;
    @Autowired
    ParkedManagers parkedManagers;

    private String provisioned(String prefix) {
        String id = newId();
        Outcome o = reconciler.apply(user(id, Operation.UPSERT, prefix + "-" + id + "@contoso.com", Map.of())).get(0);
        assertThat(o.status()).isEqualTo(ProvisioningStatus.SUCCESS);
        return id;
    }

    @SuppressWarnings("unchecked")
    private static Object managerInTarget(String userName) {
        Map<String, Object> enterprise = (Map<String, Object>) TARGET.userByUserName(userName).orElseThrow().get(ENTERPRISE);
        if (enterprise == null || enterprise.get("manager") == null) {
            return null;
        }
        return ((Map<String, Object>) enterprise.get("manager")).get("value");
    }

    @Test
    void managerIsSentAsTheManagersTargetIdByPatchAfterTheUserExistsNeverAsTheEntraId() {
        String boss = provisioned("boss");
        String bossTargetId = links.targetId(boss).orElseThrow();
        String u = newId();
        String userName = "report-" + u + "@contoso.com";
        TARGET.clearRequests();
        List<Outcome> outcomes = reconciler.apply(user(u, Operation.UPSERT, userName, Map.of(MANAGER, boss)));

        Outcome main = outcomes.get(0);
        assertThat(main.action()).isEqualTo(ProvisioningAction.CREATE);
        assertThat(main.status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(main.steps()).anyMatch(s -> s.type() == StepType.REFERENCE_RESOLUTION && s.status() == ProvisioningStatus.SUCCESS);
        assertThat(managerInTarget(userName)).isEqualTo(bossTargetId);
        List<RecordedRequest> writes = TARGET.writes();
        assertThat(writes.get(0).method()).isEqualTo("POST");
        assertThat(writes.get(0).body()).doesNotContain("manager").doesNotContain(boss);
        assertThat(writes.get(1).method()).isEqualTo("PATCH");
        assertThat(writes.get(1).body()).contains(MANAGER).contains(bossTargetId).doesNotContain(boss);

        // The same command again: the manager is already set, nothing is written.
        TARGET.clearRequests();
        Outcome again = reconciler.apply(user(u, Operation.UPSERT, userName, Map.of(MANAGER, boss))).get(0);
        assertThat(again.status()).isEqualTo(ProvisioningStatus.SKIPPED);
        assertThat(TARGET.writes()).isEmpty();
    }

    @Test
    void managerReferenceInGraphOrScimObjectShapeOrDeltaListIsResolved() {
        String boss = provisioned("boss");
        String bossTargetId = links.targetId(boss).orElseThrow();
        for (Object shape : List.of(Map.of("id", boss), Map.of("value", boss), List.of(Map.of("id", boss)))) {
            String u = newId();
            String userName = "shape-" + u + "@contoso.com";
            Outcome o = reconciler.apply(user(u, Operation.UPSERT, userName, Map.of(MANAGER, shape))).get(0);
            assertThat(o.status()).as("shape %s", shape).isEqualTo(ProvisioningStatus.SUCCESS);
            assertThat(managerInTarget(userName)).as("shape %s", shape).isEqualTo(bossTargetId);
        }
    }

    @Test
    void managerThatArrivesLateIsParkedThenSetWhenItIsProvisionedAndAudited() {
        String boss = newId();
        String u = newId();
        String userName = "late-report-" + u + "@contoso.com";
        ProvisioningCommand report = user(u, Operation.UPSERT, userName, Map.of(MANAGER, boss));
        send(report);
        ProvisioningResult parked = awaitResultFor(report);
        assertThat(parked.action()).isEqualTo(ProvisioningAction.CREATE);
        assertThat(parked.status()).isEqualTo(ProvisioningStatus.WARNING);
        assertThat(parked.error().errorCode()).isEqualTo("UnresolvedReference");
        assertThat(parked.steps()).anyMatch(s -> s.type() == StepType.REFERENCE_RESOLUTION
                && s.status() == ProvisioningStatus.WARNING && s.description().contains(boss));
        assertThat(TARGET.userByUserName(userName)).isPresent();
        assertThat(managerInTarget(userName)).isNull();
        assertThat(parkedManagers.involving(boss)).extracting(ParkedManagers.Parked::userSourceId).containsExactly(u);
        assertThat(deadLettersFor(u)).isEmpty();

        ProvisioningCommand manager = user(boss, Operation.UPSERT, "late-boss-" + boss + "@contoso.com", Map.of());
        send(manager);
        ProvisioningResult resolved = awaitResult(r -> r.sourceIdentity().id().equals(u)
                && r.steps().stream().allMatch(s -> s.type() == StepType.REFERENCE_RESOLUTION));
        assertThat(resolved.status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(resolved.changeId()).isEqualTo(report.causingEventId());
        assertThat(resolved.sourceIdentity().identityType()).isEqualTo("User");
        String bossTargetId = links.targetId(boss).orElseThrow();
        assertThat(resolved.targetIdentity().id()).isEqualTo(links.targetId(u).orElseThrow());
        assertThat(resolved.modifiedProperties()).anyMatch(m -> m.displayName().equals(MANAGER) && bossTargetId.equals(m.newValue()));
        assertThat(managerInTarget(userName)).isEqualTo(bossTargetId);
        assertThat(parkedManagers.involving(boss)).isEmpty();
    }
}
