package io.entrascim.sink.scim;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PatchBodiesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void rfcDialectUsesLowercaseOpsBooleansAndFilteredRemoval() {
        PatchBodies rfc = new PatchBodies(PatchDialect.RFC);
        ObjectNode patch = rfc.newPatch();
        rfc.replace(patch, "active", JSON.getNodeFactory().booleanNode(false));
        assertThat(patch.toString()).isEqualTo("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}");
        assertThat(rfc.removeMembers(List.of("u1", "u2")).get("Operations").toString())
                .isEqualTo("[{\"op\":\"remove\",\"path\":\"members[value eq \\\"u1\\\"]\"},"
                        + "{\"op\":\"remove\",\"path\":\"members[value eq \\\"u2\\\"]\"}]");
        assertThat(rfc.addMembers(List.of("u1")).get("Operations").toString())
                .isEqualTo("[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u1\"}]}]");
    }

    @Test
    void entraLegacyDialectUsesCapitalisedOpsStringBooleansAndRemoveWithValue() {
        PatchBodies legacy = new PatchBodies(PatchDialect.ENTRA_LEGACY);
        ObjectNode patch = legacy.newPatch();
        legacy.replace(patch, "active", JSON.getNodeFactory().booleanNode(false));
        assertThat(patch.get("Operations").toString()).isEqualTo("[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]");
        assertThat(legacy.removeMembers(List.of("u1", "u2")).get("Operations").toString())
                .isEqualTo("[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"u1\"},{\"value\":\"u2\"}]}]");
    }
}
