package io.entrascim.sink.scim;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/** Writes PatchOp bodies in the configured {@link PatchDialect}. */
public final class PatchBodies {

    public static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final JsonNodeFactory NODES = JsonMapper.builder().build().getNodeFactory();

    private final PatchDialect dialect;

    public PatchBodies(PatchDialect dialect) {
        this.dialect = dialect;
    }

    public PatchDialect dialect() {
        return dialect;
    }

    /** A new PatchOp with no operations. */
    public ObjectNode newPatch() {
        ObjectNode patch = NODES.objectNode();
        patch.putArray("schemas").add(PATCH_SCHEMA);
        patch.putArray("Operations");
        return patch;
    }

    /** Adds a replace of {@code path} with {@code value}; booleans become "True"/"False" in the legacy dialect. */
    public void replace(ObjectNode patch, String path, JsonNode value) {
        ObjectNode op = ((ArrayNode) patch.get("Operations")).addObject();
        op.put("op", dialect == PatchDialect.RFC ? "replace" : "Replace");
        op.put("path", path);
        if (dialect == PatchDialect.ENTRA_LEGACY && value.isBoolean()) {
            op.put("value", value.booleanValue() ? "True" : "False");
        } else {
            op.set("value", value);
        }
    }

    /** One PATCH adding {@code memberIds} (target ids). */
    public ObjectNode addMembers(List<String> memberIds) {
        ObjectNode patch = newPatch();
        ObjectNode op = ((ArrayNode) patch.get("Operations")).addObject();
        op.put("op", dialect == PatchDialect.RFC ? "add" : "Add");
        op.put("path", "members");
        ArrayNode values = op.putArray("value");
        memberIds.forEach(id -> values.addObject().put("value", id));
        return patch;
    }

    /** One PATCH removing {@code memberIds}: one filtered op per member (RFC) or one remove-with-value (legacy). */
    public ObjectNode removeMembers(List<String> memberIds) {
        ObjectNode patch = newPatch();
        ArrayNode ops = (ArrayNode) patch.get("Operations");
        if (dialect == PatchDialect.RFC) {
            for (String id : memberIds) {
                ObjectNode op = ops.addObject();
                op.put("op", "remove");
                op.put("path", "members[value eq \"" + ScimFilters.escape(id) + "\"]");
            }
        } else {
            ObjectNode op = ops.addObject();
            op.put("op", "Remove");
            op.put("path", "members");
            ArrayNode values = op.putArray("value");
            memberIds.forEach(id -> values.addObject().put("value", id));
        }
        return patch;
    }

    public static int operationCount(ObjectNode patch) {
        return patch.get("Operations").size();
    }
}
