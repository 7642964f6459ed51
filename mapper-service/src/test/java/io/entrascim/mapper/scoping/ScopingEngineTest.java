package io.entrascim.mapper.scoping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.entrascim.contracts.AppRoleAssignmentFact;
import io.entrascim.contracts.AssignmentFacts;
import io.entrascim.contracts.ChangeKind;
import io.entrascim.contracts.ObjectType;

class ScopingEngineTest {
    private static final AssignmentFacts ASSIGNED = AssignmentFacts.assigned(List.of(
            new AppRoleAssignmentFact("a1", "00000000-0000-0000-0000-000000000000", null, null, "u1", "User")));
    private static final AssignmentFacts UNASSIGNED = AssignmentFacts.assigned(List.of());
    private final ScopingEngine engine = new ScopingEngine(AssignmentScope.ASSIGNED);

    private static boolean holds(String operator, Object value, String... operands) {
        FilterClause clause = FilterClause.of("a", FilterOperator.byGraphName(operator), List.of(operands));
        Map<String, Object> attrs = new HashMap<>();
        attrs.put("a", value);
        return ScopingEngine.firstFailure(new FilterGroup("g", List.of(clause)), attrs) == null;
    }

    @Test
    void existsInAndNotExistsIn() {
        assertThat(holds("&", "Sales", "Sales,Marketing")).isTrue();
        assertThat(holds("&", "HR", "Sales,Marketing")).isFalse();
        assertThat(holds("!&", "HR", "Sales,Marketing")).isTrue();
        assertThat(holds("!&", "Sales", "Sales,Marketing")).isFalse();
        assertThat(holds("!&", null, "Sales")).isFalse();
    }

    @Test
    void endsWith() {
        assertThat(holds("ENDS_WITH", "jdoe@contoso.com", "@contoso.com")).isTrue();
        assertThat(holds("ENDS_WITH", "jdoe@fabrikam.com", "@contoso.com")).isFalse();
    }

    @Test
    void equalsAndNotEqualsAreCaseSensitive() {
        assertThat(holds("EQUALS", "Sales", "Sales")).isTrue();
        assertThat(holds("EQUALS", "sales", "Sales")).isFalse();
        assertThat(holds("NOT EQUALS", "sales", "Sales")).isTrue();
        assertThat(holds("NOT EQUALS", "Sales", "Sales")).isFalse();
        assertThat(holds("NOT EQUALS", null, "Sales")).as("null never passes a binary clause").isFalse();
        assertThat(holds("EQUALS", true, "True")).as("booleans compare as True/False").isTrue();
    }

    @Test
    void greaterThanComparesIntegersOnly() {
        assertThat(holds("Greater_Than", 11, "10")).isTrue();
        assertThat(holds("Greater_Than", "10", "10")).isFalse();
        assertThat(holds("Greater_Than_OR_EQUALS", "10", "10")).isTrue();
        assertThat(holds("Greater_Than_OR_EQUALS", "9", "10")).isFalse();
        assertThat(holds("Greater_Than", "eleven", "10")).isFalse();
        assertThatThrownBy(() -> FilterClause.of("a", FilterOperator.GREATER_THAN, List.of("ten")))
                .hasMessageContaining("integers only");
    }

    @Test
    void includesIsCaseSensitiveContains() {
        assertThat(holds("Includes", "Senior Engineer", "Engineer")).isTrue();
        assertThat(holds("Includes", "Senior engineer", "Engineer")).isFalse();
    }

    @Test
    void isTrueIsFalse() {
        assertThat(holds("IS TRUE", true)).isTrue();
        assertThat(holds("IS TRUE", "False")).isFalse();
        assertThat(holds("IS FALSE", false)).isTrue();
        assertThat(holds("IS FALSE", null)).isFalse();
    }

    @Test
    void isNullIsNotNull() {
        assertThat(holds("IS NULL", null)).isTrue();
        assertThat(holds("IS NULL", "")).isTrue();
        assertThat(holds("IS NULL", "x")).isFalse();
        assertThat(holds("IS NOT NULL", "x")).isTrue();
        assertThat(holds("IS NOT NULL", null)).isFalse();
    }

    @Test
    void regexMatchAndNotRegexMatch() {
        assertThat(holds("REGEX MATCH", "42", "([1-9][0-9])")).isTrue();
        assertThat(holds("REGEX MATCH", "7", "([1-9][0-9])")).isFalse();
        assertThat(holds("REGEX MATCH", "jdoe@domain.com", ".*\\@domain.com")).isTrue();
        assertThat(holds("REGEX MATCH", "JDOE@DOMAIN.COM", "jdoe")).as("case-sensitive").isFalse();
        assertThat(holds("NOT REGEX MATCH", "7", "([1-9][0-9])")).isTrue();
        assertThat(holds("NOT REGEX MATCH", null, "([1-9][0-9])")).as("false on null").isFalse();
    }

    @Test
    void multiValuedAttributesCannotBeFiltered() {
        assertThat(holds("EQUALS", List.of("a", "b"), "a")).isFalse();
    }

    @Test
    void clausesAreAndedWithinAFilterAndFiltersOredAcross() {
        ScopeFilter filter = new ScopeFilter(List.of(
                new FilterGroup("Sales in NY", List.of(
                        FilterClause.of("department", FilterOperator.EQUALS, List.of("Sales")),
                        FilterClause.of("state", FilterOperator.EQUALS, List.of("New York")))),
                new FilterGroup("Contractors", List.of(
                        FilterClause.of("extensionAttribute1", FilterOperator.EQUALS, List.of("Contractor"))))));
        assertThat(decide(Map.of("department", "Sales", "state", "New York"), filter).inScope()).isTrue();
        assertThat(decide(Map.of("extensionAttribute1", "Contractor"), filter).passedGroup()).isEqualTo("Contractors");
        ScopingDecision out = decide(Map.of("department", "Sales", "state", "Ohio"), filter);
        assertThat(out.inScope()).isFalse();
        assertThat(out.isSoftDeleted()).isTrue();
        assertThat(out.failedClauses()).containsEntry("Sales in NY", "'state EQUALS New York' (value is \"Ohio\")")
                .containsEntry("Contractors", "'extensionAttribute1 EQUALS Contractor' (value is null)");
        assertThat(out.summary()).contains("scoping filter 'Sales in NY' failed on clause 'state EQUALS New York'");
        assertThat(decide(Map.of(), ScopeFilter.NONE).inScope()).as("no filters: everyone").isTrue();
    }

    @Test
    void isSoftDeletedWhenUnassigned() {
        ScopingDecision d = engine.decide(ObjectType.USER, ChangeKind.UPSERT, Map.of("accountEnabled", true), UNASSIGNED, ScopeFilter.NONE);
        assertThat(d.assignment()).isEqualTo(ScopingDecision.Assignment.UNASSIGNED);
        assertThat(d.isSoftDeleted()).isTrue();
        assertThat(d.details()).containsEntry("assignedToApplication", "false").containsEntry("IsSoftDeleted", "True");
    }

    @Test
    void notEvaluatedAssignmentIsNotUnassigned() {
        ScopingDecision d = engine.decide(ObjectType.USER, ChangeKind.UPSERT, Map.of("accountEnabled", true),
                AssignmentFacts.notEvaluated(), ScopeFilter.NONE);
        assertThat(d.assignment()).isEqualTo(ScopingDecision.Assignment.NOT_EVALUATED);
        assertThat(d.isSoftDeleted()).isFalse();
    }

    @Test
    void syncAllIgnoresAssignment() {
        ScopingDecision d = new ScopingEngine(AssignmentScope.ALL)
                .decide(ObjectType.USER, ChangeKind.UPSERT, Map.of(), UNASSIGNED, ScopeFilter.NONE);
        assertThat(d.assignment()).isEqualTo(ScopingDecision.Assignment.SYNC_ALL);
        assertThat(d.isSoftDeleted()).isFalse();
    }

    @Test
    void isSoftDeletedWhenSoftDeletedInEntra() {
        ScopingDecision d = engine.decide(ObjectType.USER, ChangeKind.SOFT_DELETE, Map.of(), ASSIGNED, ScopeFilter.NONE);
        assertThat(d.softDeletedInSource()).isTrue();
        assertThat(d.isSoftDeleted()).isTrue();
    }

    @Test
    void isSoftDeletedWhenAccountDisabled() {
        ScopingDecision d = engine.decide(ObjectType.USER, ChangeKind.UPSERT, Map.of("accountEnabled", false), ASSIGNED, ScopeFilter.NONE);
        assertThat(d.disabledInSource()).isTrue();
        assertThat(d.inScope()).isTrue();
        assertThat(d.isSoftDeleted()).isTrue();
        assertThat(d.summary()).contains("accountEnabled is false");
    }

    @Test
    void assignedEnabledAndPassingIsNotSoftDeleted() {
        ScopingDecision d = engine.decide(ObjectType.USER, ChangeKind.UPSERT, Map.of("accountEnabled", true), ASSIGNED, ScopeFilter.NONE);
        assertThat(d.isSoftDeleted()).isFalse();
        assertThat(d.provision()).isTrue();
    }

    private ScopingDecision decide(Map<String, Object> attributes, ScopeFilter filter) {
        return engine.decide(ObjectType.USER, ChangeKind.UPSERT, attributes, ASSIGNED, filter);
    }
}
