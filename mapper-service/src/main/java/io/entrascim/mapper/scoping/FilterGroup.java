package io.entrascim.mapper.scoping;

import java.util.List;

/** One scoping filter: all its clauses must hold (AND). */
public record FilterGroup(String name, List<FilterClause> clauses) {
    public FilterGroup {
        clauses = clauses == null ? List.of() : List.copyOf(clauses);
    }
}
