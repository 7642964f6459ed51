package io.entrascim.contracts;

import java.util.List;

/**
 * Whether an object is assigned to the provisioning app, as the source saw it. A user is assigned
 * when it holds a direct app role assignment or is a direct member of an assigned group (nested
 * groups only when the source is configured to expand them).
 *
 * @param evaluated   false when the source did not evaluate assignments (for example "sync all");
 *                    the mapper must then not treat {@code assigned=false} as "unassigned"
 * @param assigned    true when at least one assignment applies
 * @param assignments the assignments that apply, empty when none
 */
public record AssignmentFacts(boolean evaluated, boolean assigned, List<AppRoleAssignmentFact> assignments) {

    public AssignmentFacts {
        assignments = assignments == null ? List.of() : List.copyOf(assignments);
    }

    /** Facts for a source that does not look at assignments. */
    public static AssignmentFacts notEvaluated() {
        return new AssignmentFacts(false, false, List.of());
    }

    public static AssignmentFacts assigned(List<AppRoleAssignmentFact> assignments) {
        return new AssignmentFacts(true, !assignments.isEmpty(), assignments);
    }
}
