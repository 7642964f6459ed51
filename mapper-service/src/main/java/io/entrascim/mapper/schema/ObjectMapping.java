package io.entrascim.mapper.schema;

import java.util.List;
import java.util.Set;

import io.entrascim.contracts.ObjectType;
import io.entrascim.mapper.scoping.ScopeFilter;

/**
 * One Graph {@code objectMapping}: how one source object type maps to one target object type.
 *
 * @param flowTypes target-object actions: Add, Update, Delete
 */
public record ObjectMapping(String name, boolean enabled, ObjectType objectType, String sourceObjectName,
                            String targetObjectName, Set<String> flowTypes, ScopeFilter scope,
                            List<AttributeMapping> attributeMappings) {

    public ObjectMapping {
        flowTypes = Set.copyOf(flowTypes);
        attributeMappings = List.copyOf(attributeMappings);
    }

    /** True when some mapping reads IsSoftDeleted: only then does Entra disable objects leaving scope. */
    public boolean mapsIsSoftDeleted() {
        return attributeMappings.stream().anyMatch(m -> m.expression() != null
                && m.expression().attributes().contains("IsSoftDeleted"));
    }

    public boolean allows(String action) {
        return flowTypes.contains(action);
    }
}
