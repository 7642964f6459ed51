package io.entrascim.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrascim.contracts.AppRoleAssignmentFact;
import io.entrascim.contracts.MemberChange;
import io.entrascim.contracts.ObjectType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scope rules alone: plain objects, no HTTP, no Kafka. */
class AssignmentScopeRulesTest {

    private final Map<String, List<MemberChange>> groups = new HashMap<>();

    private static AppRoleAssignmentFact assignment(String id, String principal, String type) {
        return new AppRoleAssignmentFact(id, "00000000-0000-0000-0000-000000000000", null, null, principal, type);
    }

    private static MemberChange user(String id, boolean removed) {
        return new MemberChange(id, ObjectType.USER, removed);
    }

    private static MemberChange group(String id, boolean removed) {
        return new MemberChange(id, ObjectType.GROUP, removed);
    }

    @Test
    void directAndDirectGroupMembersAreAssignedNestedOnesAreNot() {
        groups.put("g", List.of(user("u1", false), group("inner", false)));
        groups.put("inner", List.of(user("u2", false)));
        AssignmentScope scope = new AssignmentScope(false);
        assertThat(scope.replaceAssignments(List.of(assignment("a1", "g", "Group"), assignment("a2", "u3", "User")),
                groups::get)).as("first call is the baseline").isEmpty();
        assertThat(scope.factsForUser("u1").assigned()).isTrue();
        assertThat(scope.factsForUser("u2").assigned()).isFalse();
        assertThat(scope.factsForUser("u3").assignments()).extracting(AppRoleAssignmentFact::principalType).containsExactly("User");
        assertThat(scope.factsForUser("nobody").evaluated()).isTrue();
        assertThat(scope.factsForUser("nobody").assigned()).isFalse();
    }

    @Test
    void nestedExpansionReachesEveryLevelAndSurvivesCycles() {
        groups.put("g", List.of(group("mid", false)));
        groups.put("mid", List.of(group("leaf", false), group("g", false)));
        groups.put("leaf", List.of(user("deep", false)));
        AssignmentScope scope = new AssignmentScope(true);
        scope.replaceAssignments(List.of(assignment("a1", "g", "Group")), groups::get);
        assertThat(scope.factsForUser("deep").assignments()).extracting(AppRoleAssignmentFact::principalId).containsExactly("g");

        assertThat(scope.applyMemberChanges("mid", List.of(group("leaf", true)), groups::get, true)).containsExactly("deep");
        assertThat(scope.factsForUser("deep").assigned()).isFalse();
    }

    @Test
    void assignmentAndMembershipChangesReturnTheAffectedUsers() {
        groups.put("g", List.of(user("u1", false), user("u2", false)));
        AssignmentScope scope = new AssignmentScope(false);
        scope.replaceAssignments(List.of(), groups::get);
        assertThat(scope.replaceAssignments(List.of(assignment("a1", "g", "Group")), groups::get))
                .containsExactlyInAnyOrder("u1", "u2");
        assertThat(scope.applyMemberChanges("g", List.of(user("u3", false)), groups::get, false)).containsExactly("u3");
        assertThat(scope.factsForUser("u3").assigned()).isTrue();
        assertThat(scope.applyMemberChanges("g", List.of(user("u1", false)), groups::get, true))
                .as("an initial round re-listing a known member changes nothing").isEmpty();
        assertThat(scope.applyMemberChanges("other", List.of(user("u9", false)), groups::get, false))
                .as("unassigned groups are not tracked").isEmpty();
        assertThat(scope.replaceAssignments(List.of(), groups::get)).containsExactlyInAnyOrder("u1", "u2", "u3");
        assertThat(scope.factsForUser("u1").assigned()).isFalse();
    }

    @Test
    void deletingAnAssignedGroupTakesItsMembersOutOfScope() {
        groups.put("g", List.of(user("u1", false)));
        AssignmentScope scope = new AssignmentScope(false);
        scope.replaceAssignments(List.of(assignment("a1", "g", "Group")), groups::get);
        assertThat(scope.groupDeleted("g")).containsExactly("u1");
        assertThat(scope.factsForUser("u1").assigned()).isFalse();
        assertThat(scope.assignments()).isEmpty();
    }
}
