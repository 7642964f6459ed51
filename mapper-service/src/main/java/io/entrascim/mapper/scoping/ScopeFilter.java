package io.entrascim.mapper.scoping;

import java.util.List;

/** An object mapping's scope: an object is in scope when any group passes (OR); no groups = everyone. */
public record ScopeFilter(List<FilterGroup> groups) {
    public static final ScopeFilter NONE = new ScopeFilter(List.of());

    public ScopeFilter {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
