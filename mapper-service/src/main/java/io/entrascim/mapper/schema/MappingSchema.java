package io.entrascim.mapper.schema;

import java.util.List;

import io.entrascim.contracts.ObjectType;

/** The loaded configuration: the object mappings of a synchronization schema. */
public record MappingSchema(String origin, List<ObjectMapping> objectMappings) {

    public MappingSchema {
        objectMappings = List.copyOf(objectMappings);
    }

    /** The first enabled mapping for the type, or null when that type is not provisioned. */
    public ObjectMapping mappingFor(ObjectType type) {
        for (ObjectMapping m : objectMappings) {
            if (m.objectType() == type && m.enabled()) {
                return m;
            }
        }
        return null;
    }
}
