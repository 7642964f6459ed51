package io.entrascim.mapper.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.entrascim.contracts.AttributeFlow;
import io.entrascim.contracts.ObjectType;
import io.entrascim.mapper.scoping.FilterOperator;

class SchemaLoaderTest {

    @Test
    void bundledDefaultsAreTheTaniumGalleryMappings() {
        MappingSchema schema = SchemaLoader.loadDefault();
        ObjectMapping users = schema.mappingFor(ObjectType.USER);
        assertThat(users.attributeMappings()).extracting(AttributeMapping::targetAttributeName)
                .containsExactly("userName", "active", "displayName", "externalId");
        assertThat(users.attributeMappings()).extracting(AttributeMapping::sourceText)
                .containsExactly("[userPrincipalName]", "Switch([IsSoftDeleted], , \"False\", \"True\", \"True\", \"False\")",
                        "[displayName]", "[mailNickname]");
        assertThat(users.attributeMappings().get(0).matchingPriority()).isEqualTo(1);
        assertThat(users.attributeMappings().get(1).targetType()).isEqualTo(TargetType.BOOLEAN);
        assertThat(users.mapsIsSoftDeleted()).isTrue();
        ObjectMapping groups = schema.mappingFor(ObjectType.GROUP);
        assertThat(groups.attributeMappings()).extracting(AttributeMapping::targetAttributeName)
                .containsExactly("displayName", "externalId", "members");
        assertThat(groups.attributeMappings().get(0).matchingPriority()).isEqualTo(1);
        assertThat(groups.attributeMappings().get(2).targetType()).isEqualTo(TargetType.REFERENCE);
    }

    @Test
    void loadsARealExportedSynchronizationSchema() {
        MappingSchema schema = SchemaLoader.parse(resource("/schemas/tanium-sso-exported.json"), "exported");
        ObjectMapping users = schema.mappingFor(ObjectType.USER);
        assertThat(users.flowTypes()).containsExactlyInAnyOrder("Add", "Update", "Delete");
        assertThat(users.attributeMappings()).hasSize(11);
        assertThat(users.scope().groups()).extracting(g -> g.name()).containsExactly("Tanium operators", "Contractors");
        assertThat(users.scope().groups().get(0).clauses()).extracting(c -> c.operator())
                .containsExactly(FilterOperator.EQUALS, FilterOperator.REGEX_MATCH);
        AttributeMapping preferredLanguage = mapping(users, "preferredLanguage");
        assertThat(preferredLanguage.kind()).isEqualTo(SourceKind.CONSTANT);
        assertThat(preferredLanguage.constant()).isEqualTo("en-US");
        AttributeMapping nickName = mapping(users, "nickName");
        assertThat(nickName.flow()).isEqualTo(AttributeFlow.ON_CREATE_ONLY);
        assertThat(nickName.expression().attributes()).containsExactly("givenName", "surname");
        assertThat(mapping(users, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department").defaultValue())
                .isEqualTo("Unassigned");
        assertThat(mapping(users, "externalId").matchingPriority()).isEqualTo(2);
        assertThat(schema.mappingFor(ObjectType.GROUP).attributeMappings()).hasSize(3);
    }

    @Test
    void loadsTheConciseYamlForm() {
        MappingSchema schema = SchemaLoader.parse(resource("/schemas/tanium-concise.yaml"), "concise");
        ObjectMapping users = schema.mappingFor(ObjectType.USER);
        assertThat(users.attributeMappings()).hasSize(5);
        assertThat(users.scope().groups()).hasSize(2);
        assertThat(users.scope().groups().get(1).clauses().get(0).operator()).isEqualTo(FilterOperator.GREATER_THAN_OR_EQUALS);
        assertThat(mapping(users, "active").kind()).isEqualTo(SourceKind.FUNCTION);
        assertThat(mapping(users, "userName").kind()).isEqualTo(SourceKind.ATTRIBUTE);
        assertThat(schema.mappingFor(ObjectType.GROUP).attributeMappings()).hasSize(3);
    }

    @Test
    void rebuildsAFunctionExpressionFromNameAndParametersWhenTheExportOmitsIt() {
        String yaml = """
                synchronizationRules:
                  - name: USER_OUTBOUND_USER
                    objectMappings:
                      - name: Users
                        sourceObjectName: User
                        targetObjectName: User
                        attributeMappings:
                          - targetAttributeName: userName
                            matchingPriority: 1
                            source: {type: Attribute, name: userPrincipalName}
                          - targetAttributeName: nickName
                            source:
                              type: Function
                              name: Mid
                              parameters:
                                - {key: source, value: {type: Attribute, name: mailNickname, expression: "[mailNickname]"}}
                                - {key: start, value: {type: Constant, name: "1", expression: "\\"1\\""}}
                                - {key: length, value: {type: Constant, name: "3"}}
                """;
        ObjectMapping users = SchemaLoader.parse(yaml, "graph-yaml").mappingFor(ObjectType.USER);
        assertThat(mapping(users, "nickName").sourceText()).isEqualTo("Mid([mailNickname], \"1\", \"3\")");
        assertThat(mapping(users, "userName").sourceText()).isEqualTo("[userPrincipalName]");
    }

    @Test
    void invalidExpressionNamesJsonPathAndColumn() {
        String json = resource("/schemas/tanium-sso-exported.json").replace("IgnoreFlowIfNullOrEmpty([jobTitle])", "IgnoreFlowIfNullOrEmpty([jobTitle]");
        assertThatThrownBy(() -> SchemaLoader.parse(json, "x"))
                .isInstanceOf(SchemaException.class)
                .hasMessageStartingWith("$.synchronizationRules[0].objectMappings[0].attributeMappings[7].source.expression: invalid expression at column 35");
    }

    @Test
    void unknownScopingOperatorIsRejected() {
        String json = resource("/schemas/tanium-sso-exported.json").replace("\"REGEX MATCH\"", "\"LIKE\"");
        assertThatThrownBy(() -> SchemaLoader.parse(json, "x"))
                .hasMessageStartingWith("$.synchronizationRules[0].objectMappings[0].scope.groups[0].clauses[1].operatorName: unknown scoping operator \"LIKE\"");
    }

    @Test
    void invalidRegexIsRejectedAtLoad() {
        String json = resource("/schemas/tanium-sso-exported.json").replace(".*@contoso\\\\.com$", "([a-z");
        assertThatThrownBy(() -> SchemaLoader.parse(json, "x"))
                .hasMessageContaining("scope.groups[0].clauses[1]: invalid regular expression");
    }

    @Test
    void duplicateMatchingPrecedenceIsRejected() {
        String yaml = """
                users:
                  mappings:
                    - {target: userName, source: "[userPrincipalName]", matching: 1}
                    - {target: externalId, source: "[mailNickname]", matching: 1}
                """;
        assertThatThrownBy(() -> SchemaLoader.parse(yaml, "x"))
                .hasMessage("$.users.mappings[1].matchingPriority: matching precedence 1 is used by both \"userName\" and \"externalId\"");
    }

    @Test
    void missingMatchingAttributeIsRejected() {
        String yaml = "users:\n  mappings:\n    - {target: userName, source: \"[userPrincipalName]\"}\n";
        assertThatThrownBy(() -> SchemaLoader.parse(yaml, "x")).hasMessageContaining("$.users.mappings: no attribute mapping has matchingPriority");
    }

    @Test
    void unknownFlowTypeAndKeysAreRejected() {
        String json = resource("/schemas/tanium-sso-exported.json").replace("\"ObjectAddOnly\"", "\"Sometimes\"");
        assertThatThrownBy(() -> SchemaLoader.parse(json, "x"))
                .hasMessageContaining("attributeMappings[10].flowType: unknown flowType \"Sometimes\"");
        String yaml = "users:\n  mappings:\n    - {target: userName, sorce: \"[userPrincipalName]\", matching: 1}\n";
        assertThatThrownBy(() -> SchemaLoader.parse(yaml, "x")).hasMessageStartingWith("$.users.mappings[0].sorce: unknown key");
    }

    @Test
    void unreadableDocumentsAreRejected() {
        assertThatThrownBy(() -> SchemaLoader.parse("{\"synchronizationRules\": [", "x")).hasMessageStartingWith("$: not valid JSON");
        assertThatThrownBy(() -> SchemaLoader.parse("other: 1", "x")).hasMessageContaining("expected a Graph synchronizationSchema");
        assertThatThrownBy(() -> SchemaLoader.load("/nonexistent/schema.json")).hasMessageContaining("cannot read the file");
    }

    private static AttributeMapping mapping(ObjectMapping om, String target) {
        return om.attributeMappings().stream().filter(m -> m.targetAttributeName().equals(target)).findFirst().orElseThrow();
    }

    static String resource(String name) {
        try (InputStream in = SchemaLoaderTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
