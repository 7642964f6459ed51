package io.entrascim.mapper.mapping;

import java.util.Map;

import io.entrascim.mapper.expression.AttributeSource;
import io.entrascim.mapper.expression.Values;

/**
 * The source object as expressions see it: the snapshot plus Entra's computed attributes
 * ({@code IsSoftDeleted}, and {@code objectId} when the snapshot lacks it).
 */
public final class SourceAttributes implements AttributeSource {
    private final Map<String, Object> snapshot;
    private final String objectId;
    private final String isSoftDeleted;

    public SourceAttributes(Map<String, Object> snapshot, String objectId, boolean isSoftDeleted) {
        this.snapshot = snapshot;
        this.objectId = objectId;
        this.isSoftDeleted = Values.bool(isSoftDeleted);
    }

    @Override
    public Object get(String name) {
        if ("IsSoftDeleted".equals(name)) {
            return isSoftDeleted;
        }
        Object v = snapshot.get(name);
        if (v == null && "objectId".equals(name)) {
            Object id = snapshot.get("id");
            return id != null ? id : objectId;
        }
        return v;
    }
}
