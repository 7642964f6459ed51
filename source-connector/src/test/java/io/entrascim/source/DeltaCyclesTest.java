package io.entrascim.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrascim.contracts.ChangeEvent;
import io.entrascim.contracts.ChangeKind;
import io.entrascim.contracts.CycleMarker;
import io.entrascim.contracts.CycleOrigin;
import io.entrascim.contracts.MemberChange;
import io.entrascim.contracts.ObjectType;
import io.entrascim.testkit.graph.DemoTenant;
import io.entrascim.testkit.graph.TenantSeed;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeltaCyclesTest extends ConnectorTestBase {

    private DemoTenant tenant;

    @AfterEach
    void stop() {
        if (tenant != null) {
            tenant.close();
        }
    }

    private SyncEngine start(long seed, boolean minimal) {
        tenant = DemoTenant.start(0, TenantSeed.empty().withUsers(23).withGroups(3).withMemberships(30)
                .withPageSize(5).withMemberSliceSize(4).withRandomSeed(seed));
        return engine(props(tenant, SourceProperties.SyncScope.ALL, false, minimal, 3, newKey()));
    }

    @Test
    void initialCycleEmitsEveryObjectOnceWithFullSnapshotsAndCycleMarkers() {
        SyncEngine engine = start(101, false);
        SyncEngine.CycleReport r = engine.runCycle();
        assertThat(r.outcome()).isEqualTo("COMPLETED");
        assertThat(r.origin()).isEqualTo(CycleOrigin.INITIAL);

        List<ChangeEvent> events = changes(Set.of(r.cycleId()));
        List<ChangeEvent> users = events.stream().filter(e -> e.objectType() == ObjectType.USER).toList();
        assertThat(users).hasSize(23).allSatisfy(e -> {
            assertThat(e.kind()).isEqualTo(ChangeKind.UPSERT);
            assertThat(e.origin()).isEqualTo(CycleOrigin.INITIAL);
            assertThat(e.attributes()).containsKeys("userPrincipalName", "displayName", "mailNickname", "accountEnabled",
                    "givenName", "surname", "mail");
            assertThat(e.assignment().evaluated()).isFalse();
        });
        assertThat(users.stream().map(ChangeEvent::objectId).distinct()).hasSize(23);
        assertThat(events.stream().map(ChangeEvent::eventId).distinct()).hasSize(events.size());

        List<CycleMarker> markers = markers(r.cycleId());
        assertThat(markers.get(0).phase()).isEqualTo(CycleMarker.Phase.STARTED);
        assertThat(markers.get(0).expectedObjects()).as("users + groups counted by Graph").isEqualTo(26);
        CycleMarker done = markers.get(markers.size() - 1);
        assertThat(done.phase()).isEqualTo(CycleMarker.Phase.COMPLETED);
        assertThat(done.emittedEvents()).isEqualTo(events.size());
        assertThat(done.pagesRead()).isEqualTo(r.pagesRead()).isGreaterThan(5);
        assertThat(markers).anyMatch(m -> m.phase() == CycleMarker.Phase.PROGRESS);

        SyncEngine.CycleReport quiet = engine.runCycle();
        assertThat(quiet.origin()).isEqualTo(CycleOrigin.INCREMENTAL);
        assertThat(changes(Set.of(quiet.cycleId()))).isEmpty();
    }

    @Test
    void largeGroupIsPagedInSlicesWhoseMembersAddUpToTheGroup() {
        SyncEngine engine = start(102, false);
        SyncEngine.CycleReport r = engine.runCycle();
        String big = tenant.members(firstGroup(r)).isEmpty() ? null : firstGroup(r);
        assertThat(big).isNotNull();
        List<ChangeEvent> slices = changes(Set.of(r.cycleId())).stream()
                .filter(e -> e.objectId().equals(big)).toList();
        assertThat(slices.size()).isGreaterThan(1);
        assertThat(slices.get(0).kind()).isEqualTo(ChangeKind.UPSERT);
        assertThat(slices.subList(1, slices.size())).allSatisfy(e -> {
            assertThat(e.kind()).isEqualTo(ChangeKind.MEMBERSHIP_CHANGE);
            assertThat(e.attributes()).containsEntry("displayName", slices.get(0).attributes().get("displayName"));
        });
        Set<String> members = slices.stream().flatMap(e -> e.memberChanges().stream()).map(MemberChange::memberId)
                .collect(Collectors.toSet());
        assertThat(members).containsExactlyInAnyOrderElementsOf(tenant.members(big));
    }

    @Test
    void groupCreateRenameMembershipAndDeleteAreReported() {
        SyncEngine engine = start(103, false);
        engine.runCycle();
        String user = tenant.createUser("member@demo.entrascim.io", "Member");
        String group = tenant.createGroup("Engineering");
        tenant.addMember(group, user);
        SyncEngine.CycleReport created = engine.runCycle();
        ChangeEvent g = only(changes(Set.of(created.cycleId())), group);
        assertThat(g.kind()).isEqualTo(ChangeKind.UPSERT);
        assertThat(g.attributes()).containsEntry("displayName", "Engineering");
        assertThat(g.memberChanges()).containsExactly(new MemberChange(user, ObjectType.USER, false));

        tenant.removeMember(group, user);
        SyncEngine.CycleReport removed = engine.runCycle();
        ChangeEvent m = only(changes(Set.of(removed.cycleId())), group);
        assertThat(m.kind()).isEqualTo(ChangeKind.MEMBERSHIP_CHANGE);
        assertThat(m.attributes()).containsEntry("displayName", "Engineering");
        assertThat(m.memberChanges()).containsExactly(new MemberChange(user, ObjectType.USER, true));

        tenant.renameGroup(group, "Platform");
        SyncEngine.CycleReport renamed = engine.runCycle();
        assertThat(only(changes(Set.of(renamed.cycleId())), group).attributes()).containsEntry("displayName", "Platform");

        tenant.deleteGroup(group);
        SyncEngine.CycleReport deleted = engine.runCycle();
        assertThat(only(changes(Set.of(deleted.cycleId())), group).kind()).isEqualTo(ChangeKind.HARD_DELETE);
    }

    @Test
    void softDeleteHardDeleteRestoreAndDisableProduceTheirKinds() {
        SyncEngine engine = start(104, false);
        SyncEngine.CycleReport first = engine.runCycle();
        List<String> ids = changes(Set.of(first.cycleId())).stream().filter(e -> e.objectType() == ObjectType.USER)
                .map(ChangeEvent::objectId).toList();
        String soft = ids.get(0);
        String hard = ids.get(1);
        String disabled = ids.get(2);
        tenant.softDeleteUser(soft);
        tenant.hardDeleteUser(hard);
        tenant.updateUser(disabled, Map.of("accountEnabled", false));
        SyncEngine.CycleReport r = engine.runCycle();
        List<ChangeEvent> events = changes(Set.of(r.cycleId()));
        assertThat(only(events, soft).kind()).isEqualTo(ChangeKind.SOFT_DELETE);
        assertThat(only(events, hard).kind()).isEqualTo(ChangeKind.HARD_DELETE);
        ChangeEvent dis = only(events, disabled);
        assertThat(dis.kind()).isEqualTo(ChangeKind.UPSERT);
        assertThat(dis.attributes()).containsEntry("accountEnabled", false).containsKey("userPrincipalName");

        tenant.restoreUser(soft);
        SyncEngine.CycleReport restored = engine.runCycle();
        ChangeEvent back = only(changes(Set.of(restored.cycleId())), soft);
        assertThat(back.kind()).isEqualTo(ChangeKind.UPSERT);
        assertThat(back.attributes()).containsEntry("accountEnabled", true).containsKey("userPrincipalName");
    }

    @Test
    void partialPropertyUpdatesStillCarryTheFullSnapshotEvenAfterARestart() {
        SyncEngine engine = start(105, true);
        SyncEngine.CycleReport first = engine.runCycle();
        String id = changes(Set.of(first.cycleId())).stream().filter(e -> e.objectType() == ObjectType.USER)
                .findFirst().orElseThrow().objectId();
        tenant.updateUser(id, Map.of("displayName", "Only This Changed"));
        SyncEngine.CycleReport r = engine.runCycle();
        ChangeEvent e = only(changes(Set.of(r.cycleId())), id);
        assertThat(e.attributes()).containsEntry("displayName", "Only This Changed")
                .containsKeys("userPrincipalName", "mail", "mailNickname", "accountEnabled", "givenName", "surname");

        // A new engine (fresh process) has no snapshots: it must read the object rather than emit a partial one.
        SyncEngine restarted = engine(props(tenant, SourceProperties.SyncScope.ALL, false, true, 3,
                checkpointKeyOf(engine)));
        Map<String, Object> change = new java.util.HashMap<>();
        change.put("surname", "Changed");
        change.put("mail", null);
        tenant.updateUser(id, change);
        SyncEngine.CycleReport after = restarted.runCycle();
        assertThat(after.origin()).isEqualTo(CycleOrigin.INCREMENTAL);
        ChangeEvent e2 = only(changes(Set.of(after.cycleId())), id);
        assertThat(e2.attributes()).containsEntry("surname", "Changed").containsEntry("displayName", "Only This Changed")
                .containsKey("userPrincipalName").doesNotContainKey("mail");
    }

    @Test
    void expiredDeltaTokenTriggersAFullResyncThatLosesNothing() {
        SyncEngine engine = start(106, false);
        engine.runCycle();
        String late = tenant.createUser("late@demo.entrascim.io", "Late");
        tenant.expireDeltaTokens();
        SyncEngine.CycleReport r = engine.runCycle();
        assertThat(r.outcome()).isEqualTo("COMPLETED");
        assertThat(r.resyncs()).isEqualTo(1);
        assertThat(r.origin()).isEqualTo(CycleOrigin.INITIAL);
        List<ChangeEvent> events = changes(Set.of(r.cycleId()));
        Set<String> users = new HashSet<>();
        events.stream().filter(e -> e.objectType() == ObjectType.USER).forEach(e -> users.add(e.objectId()));
        assertThat(users).hasSize(24).contains(late);
        SyncEngine.CycleReport next = engine.runCycle();
        assertThat(next.origin()).isEqualTo(CycleOrigin.INCREMENTAL);
    }

    private String firstGroup(SyncEngine.CycleReport r) {
        return changes(Set.of(r.cycleId())).stream().filter(e -> e.objectType() == ObjectType.GROUP)
                .findFirst().orElseThrow().objectId();
    }

    private static String checkpointKeyOf(SyncEngine engine) {
        return engine.checkpointKey();
    }

    static ChangeEvent only(List<ChangeEvent> events, String objectId) {
        List<ChangeEvent> mine = events.stream().filter(e -> e.objectId().equals(objectId)).toList();
        assertThat(mine).as("events for " + objectId).hasSize(1);
        return mine.get(0);
    }
}
