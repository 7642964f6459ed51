package io.entrascim.sink.core;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class AttributePathsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String EMPLOYEE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber";

    @Test
    void writesAndReadsSimpleDottedFilteredAndExtensionPaths() {
        ObjectNode user = JSON.createObjectNode();
        AttributePaths.write(user, "userName", JSON.getNodeFactory().stringNode("a@b"));
        AttributePaths.write(user, "name.givenName", JSON.getNodeFactory().stringNode("Ann"));
        AttributePaths.write(user, "emails[type eq \"work\"].value", JSON.getNodeFactory().stringNode("a@work"));
        AttributePaths.write(user, EMPLOYEE, JSON.getNodeFactory().stringNode("42"));
        assertThat(user.toString()).contains("\"emails\":[{\"type\":\"work\",\"primary\":true,\"value\":\"a@work\"}]")
                .contains("\"name\":{\"givenName\":\"Ann\"}")
                .contains("\"schemas\":[\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"]");
        assertThat(AttributePaths.read(user, "userName").asString()).isEqualTo("a@b");
        assertThat(AttributePaths.read(user, "name.givenName").asString()).isEqualTo("Ann");
        assertThat(AttributePaths.read(user, "emails[type eq \"work\"].value").asString()).isEqualTo("a@work");
        assertThat(AttributePaths.read(user, "emails[type eq \"home\"].value")).isNull();
        assertThat(AttributePaths.read(user, EMPLOYEE).asString()).isEqualTo("42");
        assertThat(AttributePaths.read(user, "title")).isNull();
    }

    @Test
    void comparesEntraBooleanStringsWithTargetBooleans() {
        assertThat(AttributeValues.same(JSON.getNodeFactory().booleanNode(true), AttributeValues.toJson("active", "True"))).isTrue();
        assertThat(AttributeValues.same(JSON.getNodeFactory().booleanNode(true), AttributeValues.toJson("active", "False"))).isFalse();
        assertThat(AttributeValues.toJson("active", "False").isBoolean()).isTrue();
        assertThat(AttributeValues.same(JSON.getNodeFactory().stringNode("Ann"), AttributeValues.toJson("x", "ann"))).isFalse();
        assertThat(AttributeValues.same(null, AttributeValues.toJson("x", "ann"))).isFalse();
    }
}
