package io.entrascim.mapper.scoping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.entrascim.contracts.AssignmentFacts;
import io.entrascim.contracts.ChangeKind;
import io.entrascim.contracts.ObjectType;
import io.entrascim.mapper.expression.Values;

/** Decides whether an object is in scope, as Entra's scoping step does. Stateless and thread-safe. */
public final class ScopingEngine {
    private final AssignmentScope assignmentScope;

    public ScopingEngine(AssignmentScope assignmentScope) {
        this.assignmentScope = assignmentScope;
    }

    public AssignmentScope assignmentScope() {
        return assignmentScope;
    }

    /**
     * @param attributes the source snapshot (may be empty for deletes)
     * @param facts      assignment facts from the source; {@code evaluated=false} never counts as unassigned
     */
    public ScopingDecision decide(ObjectType type, ChangeKind kind, Map<String, Object> attributes, AssignmentFacts facts,
                                  ScopeFilter filter) {
        List<String> reasons = new ArrayList<>();
        boolean softDeleted = kind == ChangeKind.SOFT_DELETE || kind == ChangeKind.HARD_DELETE;
        if (softDeleted) {
            reasons.add(kind == ChangeKind.HARD_DELETE ? "deleted in Entra" : "soft-deleted in Entra (recycle bin)");
        }
        boolean disabled = type == ObjectType.USER && "False".equalsIgnoreCase(text(attributes.get("accountEnabled")));
        if (disabled) {
            reasons.add("accountEnabled is false (blocked from sign-in)");
        }
        ScopingDecision.Assignment assignment;
        if (assignmentScope == AssignmentScope.ALL) {
            assignment = ScopingDecision.Assignment.SYNC_ALL;
            reasons.add("scope is sync all: assignment not required");
        } else if (facts == null || !facts.evaluated()) {
            assignment = ScopingDecision.Assignment.NOT_EVALUATED;
            reasons.add("assignment not evaluated by the source: treated as assigned");
        } else if (facts.assigned()) {
            assignment = ScopingDecision.Assignment.ASSIGNED;
            reasons.add("assigned to the application");
        } else {
            assignment = ScopingDecision.Assignment.UNASSIGNED;
            reasons.add("not assigned to the application");
        }
        Map<String, String> failed = new LinkedHashMap<>();
        String passedGroup = null;
        boolean passed;
        if (softDeleted) {
            passed = true; // nothing to filter on: a deleted object carries no attributes
        } else if (filter == null || filter.groups().isEmpty()) {
            passed = true;
        } else {
            passed = false;
            for (FilterGroup group : filter.groups()) {
                String failure = firstFailure(group, attributes);
                if (failure == null) {
                    passed = true;
                    passedGroup = group.name();
                    reasons.add("scoping filter '" + group.name() + "' passed");
                    break;
                }
                failed.put(group.name(), failure);
            }
            if (!passed) {
                failed.forEach((g, c) -> reasons.add("scoping filter '" + g + "' failed on clause " + c));
            }
        }
        return new ScopingDecision(softDeleted, disabled, assignment, passed, passedGroup, failed, reasons);
    }

    /** The first clause of the group that fails, described with the actual value, or null when all pass. */
    static String firstFailure(FilterGroup group, Map<String, Object> attributes) {
        for (FilterClause clause : group.clauses()) {
            Object raw = Values.normalize(attributes.get(clause.attribute()));
            String why = evaluate(clause, raw);
            if (why != null) {
                return "'" + clause.describe() + "' (" + why + ")";
            }
        }
        return null;
    }

    /** Null when the clause holds, else why not. */
    static String evaluate(FilterClause clause, Object value) {
        if (value instanceof List<?>) {
            return "multi-valued attributes cannot be used in scoping filters";
        }
        String text = text(value);
        boolean empty = text == null || text.isEmpty();
        if (clause.operator() == FilterOperator.IS_NULL) {
            return empty ? null : "value is \"" + text + "\"";
        }
        if (empty) {
            return "value is null";
        }
        if (clause.operator().integer()) {
            try {
                Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                return "value \"" + text + "\" is not an integer";
            }
        }
        return clause.operator().test(text, clause.values(), clause.patterns()) ? null : "value is \"" + text + "\"";
    }

    private static String text(Object v) {
        Object n = Values.normalize(v);
        return n == null ? null : n.toString();
    }
}
