package io.entrascim.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrascim.contracts.AppRoleAssignmentFact;
import io.entrascim.contracts.ChangeEvent;
import io.entrascim.contracts.ObjectType;
import io.entrascim.testkit.graph.DemoTenant;
import io.entrascim.testkit.graph.TenantSeed;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AssignmentScopeTest extends ConnectorTestBase {

    private DemoTenant tenant;

    @AfterEach
    void stop() {
        if (tenant != null) {
            tenant.close();
        }
    }

    private SyncEngine start(long seed, boolean nested, String key) {
        if (tenant == null) {
            tenant = DemoTenant.start(0, TenantSeed.empty().withUsers(15).withGroups(3).withMemberships(12)
                    .withAssignedGroups(1).withAssignedUsers(1).withPageSize(6).withRandomSeed(seed));
        }
        return engine(props(tenant, SourceProperties.SyncScope.ASSIGNED, nested, false, 3, key));
    }

    @Test
    void initialCycleCarriesAssignmentFactsForDirectAndGroupAssignments() {
        SyncEngine engine = start(301, false, newKey());
        SyncEngine.CycleReport r = engine.runCycle();
        List<ChangeEvent> users = changes(Set.of(r.cycleId())).stream()
                .filter(e -> e.objectType() == ObjectType.USER).toList();
        assertThat(users).hasSize(15).allMatch(e -> e.assignment().evaluated());
        String assignedGroup = tenant.assignedPrincipals().get(0);
        String direct = tenant.assignedPrincipals().get(1);
        for (ChangeEvent e : users) {
            boolean expected = e.objectId().equals(direct) || tenant.members(assignedGroup).contains(e.objectId());
            assertThat(e.assignment().assigned()).as(e.objectId()).isEqualTo(expected);
        }
        assertThat(users.stream().filter(e -> e.objectId().equals(direct)).findFirst().orElseThrow()
                .assignment().assignments()).extracting(AppRoleAssignmentFact::principalType).contains("User");
    }

    @Test
    void onDemandSeesAnAssignmentMadeJustBeforeAndTheNextCycleStillReEvaluatesTheUser() {
        SyncEngine engine = start(302, false, newKey());
        engine.runCycle();
        String user = tenant.createUser("ondemand.assigned@demo.entrascim.io", "On Demand Assigned");
        assertThat(DeltaCyclesTest.only(userEvents(engine.runCycle()), user).assignment().assigned()).isFalse();

        tenant.assign(user);
        assertThat(engine.provisionOnDemand(user, null).assignment().assigned())
                .as("on demand evaluates the assignments as they are now, not the cycle's cached copy").isTrue();

        ChangeEvent next = DeltaCyclesTest.only(userEvents(engine.runCycle()), user);
        assertThat(next.assignment().assigned())
                .as("the on-demand read must not hide the assignment change from the cycle's diff").isTrue();
    }

    @Test
    void userJoiningAnAssignedGroupComesIntoScopeAndLeavingGoesOut() {
        SyncEngine engine = start(302, false, newKey());
        engine.runCycle();
        String group = tenant.assignedPrincipals().get(0);
        String user = tenant.createUser("joiner@demo.entrascim.io", "Joiner");
        SyncEngine.CycleReport created = engine.runCycle();
        assertThat(DeltaCyclesTest.only(userEvents(created), user).assignment().assigned()).isFalse();

        tenant.addMember(group, user);
        SyncEngine.CycleReport joined = engine.runCycle();
        ChangeEvent in = DeltaCyclesTest.only(userEvents(joined), user);
        assertThat(in.assignment().assigned()).isTrue();
        assertThat(in.assignment().assignments()).extracting(AppRoleAssignmentFact::principalId).containsExactly(group);
        assertThat(in.attributes()).containsEntry("userPrincipalName", "joiner@demo.entrascim.io");

        tenant.removeMember(group, user);
        SyncEngine.CycleReport left = engine.runCycle();
        ChangeEvent out = DeltaCyclesTest.only(userEvents(left), user);
        assertThat(out.assignment().evaluated()).isTrue();
        assertThat(out.assignment().assigned()).isFalse();
    }

    @Test
    void directAssignmentChangesAreSeenAcrossARestart() {
        String key = newKey();
        SyncEngine engine = start(303, false, key);
        engine.runCycle();
        String user = tenant.createUser("direct@demo.entrascim.io", "Direct");
        engine.runCycle();
        tenant.assign(user);
        SyncEngine.CycleReport assigned = engine.runCycle();
        assertThat(DeltaCyclesTest.only(userEvents(assigned), user).assignment().assigned()).isTrue();

        // Unassigned while the connector is down: the new process diffs against the persisted assignments.
        tenant.unassign(user);
        SyncEngine restarted = start(303, false, key);
        SyncEngine.CycleReport r = restarted.runCycle();
        ChangeEvent out = DeltaCyclesTest.only(userEvents(r), user);
        assertThat(out.assignment().assigned()).isFalse();
        assertThat(out.attributes()).containsEntry("userPrincipalName", "direct@demo.entrascim.io");
    }

    @Test
    void assigningAGroupBringsItsMembersIntoScope() {
        SyncEngine engine = start(304, false, newKey());
        engine.runCycle();
        String group = tenant.createGroup("Newly assigned");
        String a = tenant.createUser("a@demo.entrascim.io", "A");
        String b = tenant.createUser("b@demo.entrascim.io", "B");
        tenant.addMember(group, a);
        tenant.addMember(group, b);
        engine.runCycle();
        tenant.assign(group);
        SyncEngine.CycleReport r = engine.runCycle();
        List<ChangeEvent> events = userEvents(r);
        assertThat(DeltaCyclesTest.only(events, a).assignment().assigned()).isTrue();
        assertThat(DeltaCyclesTest.only(events, b).assignment().assigned()).isTrue();
        ChangeEvent g = changes(Set.of(r.cycleId())).stream().filter(e -> e.objectId().equals(group)).findFirst().orElse(null);
        assertThat(g).as("an unchanged group is not re-emitted by delta").isNull();

        tenant.unassign(group);
        SyncEngine.CycleReport gone = engine.runCycle();
        assertThat(DeltaCyclesTest.only(userEvents(gone), a).assignment().assigned()).isFalse();
    }

    @Test
    void nestedGroupMembersAreInScopeOnlyWhenExpansionIsOptedIn() {
        SyncEngine plain = start(305, false, newKey());
        String assigned = tenant.assignedPrincipals().get(0);
        String inner = tenant.createGroup("Inner");
        String nestedUser = tenant.createUser("nested@demo.entrascim.io", "Nested");
        tenant.addMember(inner, nestedUser);
        tenant.addMember(assigned, inner);
        SyncEngine.CycleReport r = plain.runCycle();
        assertThat(DeltaCyclesTest.only(userEvents(r), nestedUser).assignment().assigned()).isFalse();

        SyncEngine nested = start(305, true, newKey());
        SyncEngine.CycleReport rn = nested.runCycle();
        ChangeEvent e = DeltaCyclesTest.only(userEvents(rn), nestedUser);
        assertThat(e.assignment().assigned()).isTrue();
        assertThat(e.assignment().assignments()).extracting(AppRoleAssignmentFact::principalId).containsExactly(assigned);

        tenant.removeMember(assigned, inner);
        SyncEngine.CycleReport out = nested.runCycle();
        assertThat(DeltaCyclesTest.only(userEvents(out), nestedUser).assignment().assigned()).isFalse();
    }

    @Test
    void hardDeletedMemberLeavesScopeWithADeleteEvent() {
        SyncEngine engine = start(306, false, newKey());
        engine.runCycle();
        String group = tenant.assignedPrincipals().get(0);
        String member = tenant.members(group).get(0);
        tenant.hardDeleteUser(member);
        SyncEngine.CycleReport r = engine.runCycle();
        List<ChangeEvent> mine = changes(Set.of(r.cycleId())).stream().filter(e -> e.objectId().equals(member)).toList();
        assertThat(mine).extracting(ChangeEvent::kind).containsExactly(io.entrascim.contracts.ChangeKind.HARD_DELETE);
        assertThat(engine.factsFor(member).assigned()).isFalse();
        tenant.updateUser(tenant.members(group).get(0), Map.of("displayName", "still here"));
    }

    private List<ChangeEvent> userEvents(SyncEngine.CycleReport r) {
        return changes(Set.of(r.cycleId())).stream().filter(e -> e.objectType() == ObjectType.USER).toList();
    }
}
