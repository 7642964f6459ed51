package io.entrascim.sink.scim;

import io.entrascim.contracts.ObjectType;

/** The two SCIM resource endpoints the sink writes to. */
public enum ResourceKind {
    USER("/Users", "urn:ietf:params:scim:schemas:core:2.0:User"),
    GROUP("/Groups", "urn:ietf:params:scim:schemas:core:2.0:Group");

    private final String endpoint;
    private final String coreSchema;

    ResourceKind(String endpoint, String coreSchema) {
        this.endpoint = endpoint;
        this.coreSchema = coreSchema;
    }

    public String endpoint() {
        return endpoint;
    }

    public String coreSchema() {
        return coreSchema;
    }

    public static ResourceKind of(ObjectType type) {
        return type == ObjectType.GROUP ? GROUP : USER;
    }
}
