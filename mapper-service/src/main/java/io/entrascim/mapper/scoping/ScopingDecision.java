package io.entrascim.mapper.scoping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scoping step for one object, with the facts Entra's on-demand "scope" step shows.
 *
 * @param softDeletedInSource in the Entra recycle bin
 * @param disabledInSource    {@code accountEnabled = false}
 * @param assignment          what the assignment check concluded
 * @param filterPassed        true when a scoping filter group passed (or there are none)
 * @param passedGroup         the group that passed, or null
 * @param failedClauses       per failing group, the first clause that failed (group name -> clause)
 * @param reasons             human-readable reasons, in evaluation order
 */
public record ScopingDecision(boolean softDeletedInSource, boolean disabledInSource, Assignment assignment,
                              boolean filterPassed, String passedGroup, Map<String, String> failedClauses,
                              List<String> reasons) {

    public enum Assignment {
        ASSIGNED, UNASSIGNED, NOT_EVALUATED, SYNC_ALL
    }

    public ScopingDecision {
        failedClauses = failedClauses == null || failedClauses.isEmpty() ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failedClauses));
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** Assigned (or not checked) and passing the scoping filters. */
    public boolean inScope() {
        return assignment != Assignment.UNASSIGNED && filterPassed;
    }

    /** Entra's computed {@code IsSoftDeleted}: unassigned, out of scope, soft-deleted or disabled. */
    public boolean isSoftDeleted() {
        return !inScope() || softDeletedInSource || disabledInSource;
    }

    /** True when the object should exist, active, in the target. */
    public boolean provision() {
        return !isSoftDeleted();
    }

    /** Step details as the audit trail shows them (an immutable map: the step record would copy any other). */
    @SuppressWarnings("unchecked")
    public Map<String, String> details() {
        List<Map.Entry<String, String>> d = new java.util.ArrayList<>(9 + failedClauses.size());
        d.add(Map.entry("activeInSource", Boolean.toString(!softDeletedInSource && !disabledInSource)));
        d.add(Map.entry("softDeletedInSource", Boolean.toString(softDeletedInSource)));
        d.add(Map.entry("accountEnabled", Boolean.toString(!disabledInSource)));
        d.add(Map.entry("assignedToApplication", switch (assignment) {
            case ASSIGNED -> "true";
            case UNASSIGNED -> "false";
            case NOT_EVALUATED -> "not evaluated by the source";
            case SYNC_ALL -> "not required (sync all)";
        }));
        d.add(Map.entry("scopeSyncAll", Boolean.toString(assignment == Assignment.SYNC_ALL)));
        d.add(Map.entry("scopingFilterPassed", Boolean.toString(filterPassed)));
        if (passedGroup != null) {
            d.add(Map.entry("scopingFilterGroup", passedGroup));
        }
        failedClauses.forEach((group, clause) -> d.add(Map.entry("failedClause[" + group + "]", clause)));
        d.add(Map.entry("IsSoftDeleted", isSoftDeleted() ? "True" : "False"));
        return Map.ofEntries(d.toArray(new Map.Entry[0]));
    }

    public String summary() {
        return String.join("; ", reasons);
    }
}
