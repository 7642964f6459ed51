package io.entrascim.cli;

import static io.entrascim.cli.Cli.resource;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingPreviewCommandTest {

    @Test
    void showsScopingDecisionAndScimPayloadForTheExportedSchema() {
        Cli r = Cli.run("mapping", "preview", "--config", resource("tanium-sso-exported.json"), "--source", resource("alice.json"),
                "--assigned");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Scoping: IN SCOPE (IsSoftDeleted=False)")
                .contains("assigned to the application")
                .contains("scoping filter 'Tanium operators' passed")
                .contains("Decision: SUCCESS [UPSERT]")
                .contains("1. userName eq \"alice@contoso.com\"")
                .contains("2. externalId eq \"alice\"")
                .contains("Only on create: [nickName]")
                .contains("\"userName\" : \"alice@contoso.com\"")
                .contains("\"active\" : true")
                .contains("\"givenName\" : \"Alice\"")
                .contains("\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\" : {");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonOutputCarriesTheWholePreview() {
        Cli r = Cli.run("mapping", "preview", "--config", resource("tanium-sso-exported.json"), "--source", resource("alice.json"),
                "--json");
        Map<String, Object> preview = Json.MAPPER.readValue(r.out(), Map.class);
        Map<String, Object> payload = (Map<String, Object>) preview.get("scimPayload");
        assertThat(payload.get("emails")).isEqualTo(List.of(Map.of("type", "work", "value", "alice@contoso.com")));
        assertThat(payload.get("name")).isEqualTo(Map.of("givenName", "Alice", "familyName", "Smith"));
        assertThat((List<String>) payload.get("schemas")).contains("urn:ietf:params:scim:schemas:core:2.0:User");
    }

    @Test
    void outOfScopeSourceShowsWhichClauseFailed(@TempDir Path dir) throws Exception {
        Path finance = Files.writeString(dir.resolve("bob.json"), "{\"userPrincipalName\":\"bob@contoso.com\",\"department\":\"Finance\","
                + "\"accountEnabled\":true,\"mailNickname\":\"bob\"}");
        Cli r = Cli.run("mapping", "preview", "-c", resource("tanium-sso-exported.json"), "-s", finance.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Scoping: OUT OF SCOPE (IsSoftDeleted=True)")
                .contains("scoping filter 'Tanium operators' failed on clause 'department EQUALS IT Operations' (value is \"Finance\")")
                .contains("Decision: SUCCESS [DISABLE]")
                .doesNotContain("SCIM payload");
    }

    @Test
    void bundledDefaultsAreUsedWithoutConfig() {
        Cli r = Cli.run("mapping", "preview", "-s", resource("alice.json"), "--no-assigned", "--skip-out-of-scope-deletions");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("not assigned to the application").contains("Decision: SKIPPED").contains("SkipOutOfScopeDeletions");
    }

    @Test
    void invalidConfigurationExitsTwoNamingThePath(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("bad.yaml"), "users:\n  mappings:\n    - {target: userName, source: \"Left([upn]\", matching: 1}\n");
        Cli r = Cli.run("mapping", "preview", "-c", yaml.toString(), "-s", resource("alice.json"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("$.users.mappings[0].source: invalid expression at column 11");
    }

    @Test
    void mappingFailureExitsThree(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("m.yaml"), "users:\n  mappings:\n    - {target: userName, source: \"[userPrincipalName]\", matching: 1}\n"
                + "    - {target: title, source: \"Mid([displayName], [department], 2)\"}\n");
        Cli r = Cli.run("mapping", "preview", "-c", yaml.toString(), "-s", resource("alice.json"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("Mapping error: attribute 'title'").contains("Mid start is not a number");
    }
}
