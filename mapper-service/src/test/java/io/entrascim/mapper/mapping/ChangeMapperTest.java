package io.entrascim.mapper.mapping;

import static io.entrascim.mapper.mapping.Events.ASSIGNED;
import static io.entrascim.mapper.mapping.Events.UNASSIGNED;
import static io.entrascim.mapper.mapping.Events.alice;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.entrascim.contracts.AttributeFlow;
import io.entrascim.contracts.ChangeKind;
import io.entrascim.contracts.MatchingAttribute;
import io.entrascim.contracts.MemberChange;
import io.entrascim.contracts.ObjectType;
import io.entrascim.contracts.Operation;
import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.ProvisioningStep;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.ReportingService;
import io.entrascim.contracts.StepType;
import io.entrascim.contracts.TargetAttribute;
import io.entrascim.mapper.schema.MappingSchema;
import io.entrascim.mapper.schema.SchemaLoader;
import io.entrascim.mapper.scoping.AssignmentScope;
import io.entrascim.mapper.scoping.ScopingEngine;

class ChangeMapperTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:01Z"), ZoneOffset.UTC);

    private static ChangeMapper mapper(MappingSchema schema, boolean skip) {
        return new ChangeMapper(schema, new ScopingEngine(AssignmentScope.ASSIGNED), new MapperOptions("scim.tanium-sso", skip), CLOCK);
    }

    private final ChangeMapper defaults = mapper(SchemaLoader.loadDefault(), false);
    private final ChangeMapper exported = mapper(SchemaLoader.parse(resource("/schemas/tanium-sso-exported.json"), "exported"), false);

    @Test
    void upsertsAssignedUserWithTheDefaultTaniumMappings() {
        MappingOutcome out = defaults.map(Events.user("e1", ChangeKind.UPSERT, alice(), ASSIGNED));
        assertThat(out.failed()).isFalse();
        ProvisioningCommand c = single(out, Operation.UPSERT);
        assertThat(c.attributes()).containsExactly(
                new TargetAttribute("userName", "alice@contoso.com", AttributeFlow.ALWAYS, false),
                new TargetAttribute("active", true, AttributeFlow.ALWAYS, false),
                new TargetAttribute("displayName", "Alice Smith", AttributeFlow.ALWAYS, false),
                new TargetAttribute("externalId", "alice", AttributeFlow.ALWAYS, false));
        assertThat(c.matching()).containsExactly(new MatchingAttribute("userName", "alice@contoso.com", 1));
        assertThat(c.causingEventId()).isEqualTo("e1");
        assertThat(c.sourceObjectId()).isEqualTo("u-1");
        assertThat(c.sourceDisplayName()).isEqualTo("alice@contoso.com");
        RecordCodec.read(RecordCodec.write(c), ProvisioningCommand.class);

        assertThat(out.results()).as("the decision travels in the command, not as a result of its own").isEmpty();
        assertThat(c.decisionSteps()).extracting(s -> s.type())
                .containsExactly(StepType.IMPORT, StepType.SCOPING, StepType.PROCESSING, StepType.PROCESSING);
        assertThat(c.decisionSteps().get(2).details()).containsEntry("userName", "alice@contoso.com").containsEntry("active", "true");
        ProvisioningStep decided = c.decisionSteps().get(3);
        assertThat(decided.name()).isEqualTo("EntrySynchronizationUpsert");
        assertThat(decided.details()).containsEntry("commandIndex", "1").containsEntry("commandCount", "1");
        assertThat(RecordCodec.read(RecordCodec.write(c), ProvisioningCommand.class).decisionSteps()).isEqualTo(c.decisionSteps());
    }

    @Test
    void idsAreDeterministicForRedelivery() {
        MappingOutcome a = defaults.map(Events.user("e1", ChangeKind.UPSERT, alice(), ASSIGNED));
        MappingOutcome b = defaults.map(Events.user("e1", ChangeKind.UPSERT, alice(), ASSIGNED));
        assertThat(a.commands().get(0).commandId()).isEqualTo(b.commands().get(0).commandId());
        assertThat(defaults.map(Events.user("e2", ChangeKind.UPSERT, alice(), ASSIGNED)).commands().get(0).commandId())
                .isNotEqualTo(a.commands().get(0).commandId());
        MappingOutcome skippedA = mapper(SchemaLoader.loadDefault(), true).map(Events.user("e3", ChangeKind.UPSERT, alice(), UNASSIGNED));
        MappingOutcome skippedB = mapper(SchemaLoader.loadDefault(), true).map(Events.user("e3", ChangeKind.UPSERT, alice(), UNASSIGNED));
        assertThat(skippedA.results().get(0).id()).isEqualTo(skippedB.results().get(0).id());
    }

    @Test
    void nullsAreNotSentDefaultsApplyOnCreateOnlyAndObjectAddOnlyIsFlagged() {
        Map<String, Object> attrs = new HashMap<>(alice());
        attrs.remove("department");
        attrs.remove("mail");
        attrs.put("department", "IT Operations");
        attrs.remove("surname");
        MappingOutcome out = exported.map(Events.user("e1", ChangeKind.UPSERT, attrs, ASSIGNED));
        ProvisioningCommand c = single(out, Operation.UPSERT);
        assertThat(c.attribute("emails[type eq \"work\"].value")).as("null mail is not sent").isNull();
        assertThat(c.attribute("name.familyName")).isNull();
        assertThat(c.attribute("title")).as("IgnoreFlowIfNullOrEmpty drops it").isNull();
        assertThat(c.attribute("preferredLanguage")).isEqualTo(new TargetAttribute("preferredLanguage", "en-US", AttributeFlow.ALWAYS, false));
        assertThat(c.attribute("nickName")).isEqualTo(new TargetAttribute("nickName", "alice", AttributeFlow.ON_CREATE_ONLY, false));
        assertThat(c.matching()).extracting(MatchingAttribute::name).containsExactly("userName", "externalId");
        assertThat(c.decisionSteps()).anySatisfy(s -> assertThat(s.details())
                .containsEntry("title", "(not flowed: IgnoreFlowIfNullOrEmpty)")
                .containsEntry("name.familyName", "(null: not sent)"));
    }

    @Test
    void defaultValueIsSentOnCreateOnlyWhenTheSourceIsNull() {
        String yaml = """
                users:
                  mappings:
                    - {target: userName, source: "[userPrincipalName]", matching: 1}
                    - {target: title, source: "[jobTitle]", default: Staff}
                """;
        ProvisioningCommand c = single(mapper(SchemaLoader.parse(yaml, "t"), false)
                .map(Events.user("e1", ChangeKind.UPSERT, alice(), ASSIGNED)), Operation.UPSERT);
        assertThat(c.attribute("title")).isEqualTo(new TargetAttribute("title", "Staff", AttributeFlow.ON_CREATE_ONLY, false));
    }

    @Test
    void disablesUserLeavingScopeAndSaysWhichClauseFailed() {
        Map<String, Object> attrs = new HashMap<>(alice());
        attrs.put("department", "Finance");
        MappingOutcome out = exported.map(Events.user("e1", ChangeKind.UPSERT, attrs, ASSIGNED));
        ProvisioningCommand c = single(out, Operation.DISABLE);
        assertThat(c.decisionSteps().get(c.decisionSteps().size() - 1).name()).isEqualTo("EntrySynchronizationDisable");
        var scoping = c.decisionSteps().stream().filter(s -> s.type() == StepType.SCOPING).findFirst().orElseThrow();
        assertThat(scoping.status()).isEqualTo(ProvisioningStatus.SKIPPED);
        assertThat(scoping.details()).containsEntry("failedClause[Tanium operators]",
                "'department EQUALS IT Operations' (value is \"Finance\")");
        assertThat(scoping.description()).contains("failed on clause 'department EQUALS IT Operations'");
    }

    @Test
    void disablesUnassignedDisabledAndSoftDeletedUsers() {
        single(defaults.map(Events.user("e1", ChangeKind.UPSERT, alice(), UNASSIGNED)), Operation.DISABLE);
        Map<String, Object> blocked = new HashMap<>(alice());
        blocked.put("accountEnabled", false);
        single(defaults.map(Events.user("e2", ChangeKind.UPSERT, blocked, ASSIGNED)), Operation.DISABLE);
        single(defaults.map(Events.user("e3", ChangeKind.SOFT_DELETE, Map.of(), ASSIGNED)), Operation.DISABLE);
    }

    @Test
    void skipOutOfScopeDeletionsLeavesTheTargetAlone() {
        MappingOutcome out = mapper(SchemaLoader.loadDefault(), true).map(Events.user("e1", ChangeKind.UPSERT, alice(), UNASSIGNED));
        assertThat(out.commands()).isEmpty();
        assertThat(out.results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ProvisioningStatus.SKIPPED);
            assertThat(r.steps().get(r.steps().size() - 1).description()).contains("Skipped: out of scope").contains("not assigned");
            assertThat(r.steps().get(r.steps().size() - 1).details()).containsEntry("commandCount", "0");
        });
    }

    @Test
    void withoutIsSoftDeletedMappingOutOfScopeIsSkipped() {
        String yaml = "users:\n  mappings:\n    - {target: userName, source: \"[userPrincipalName]\", matching: 1}\n";
        MappingOutcome out = mapper(SchemaLoader.parse(yaml, "t"), false).map(Events.user("e1", ChangeKind.UPSERT, alice(), UNASSIGNED));
        assertThat(out.commands()).isEmpty();
        assertThat(out.results().get(0).status()).isEqualTo(ProvisioningStatus.SKIPPED);
    }

    @Test
    void hardDeleteBecomesDelete() {
        MappingOutcome out = defaults.map(Events.user("e1", ChangeKind.HARD_DELETE, Map.of(), ASSIGNED));
        ProvisioningCommand c = single(out, Operation.DELETE);
        assertThat(c.decisionSteps().get(c.decisionSteps().size() - 1).description()).contains("permanently deleted in Entra");
    }

    @Test
    void groupUpsertComesBeforeMembershipCommandsWithSourceIds() {
        MappingOutcome out = defaults.map(Events.group("e1", ChangeKind.UPSERT, Map.of("displayName", "Tanium Admins"), List.of(
                new MemberChange("u-1", ObjectType.USER, false), new MemberChange("u-2", ObjectType.USER, false),
                new MemberChange("u-3", ObjectType.USER, true))));
        assertThat(out.commands()).extracting(ProvisioningCommand::operation)
                .containsExactly(Operation.UPSERT, Operation.ADD_MEMBERS, Operation.REMOVE_MEMBERS);
        ProvisioningCommand upsert = out.commands().get(0);
        assertThat(upsert.attributes()).extracting(TargetAttribute::name).containsExactly("displayName", "externalId");
        assertThat(upsert.attribute("externalId").value()).isEqualTo("g-1");
        assertThat(out.commands().get(1).memberSourceIds()).containsExactly("u-1", "u-2");
        assertThat(out.commands().get(2).memberSourceIds()).containsExactly("u-3");
        assertThat(out.results()).isEmpty();
        assertThat(out.commands()).extracting(c -> c.decisionSteps().get(c.decisionSteps().size() - 1).details())
                .containsExactly(Map.of("commandIndex", "1", "commandCount", "3"), Map.of("commandIndex", "2", "commandCount", "3"),
                        Map.of("commandIndex", "3", "commandCount", "3"));
        out.commands().forEach(c -> RecordCodec.read(RecordCodec.write(c), ProvisioningCommand.class));
    }

    @Test
    void membershipOnlyChangeSendsOnlyMembershipCommands() {
        MappingOutcome out = defaults.map(Events.group("e1", ChangeKind.MEMBERSHIP_CHANGE, Map.of(),
                List.of(new MemberChange("u-9", ObjectType.USER, true))));
        assertThat(out.commands()).extracting(ProvisioningCommand::operation).containsExactly(Operation.REMOVE_MEMBERS);
    }

    @Test
    void mappingErrorIsAFailureResultNamingAttributeAndExpression() {
        String yaml = """
                users:
                  mappings:
                    - {target: userName, source: "[userPrincipalName]", matching: 1}
                    - {target: title, source: "Mid([jobTitle], [level], 3)"}
                """;
        Map<String, Object> attrs = new HashMap<>(alice());
        attrs.put("jobTitle", "Engineer");
        attrs.put("level", "high");
        MappingOutcome out = mapper(SchemaLoader.parse(yaml, "t"), false).map(Events.user("e1", ChangeKind.UPSERT, attrs, ASSIGNED));
        assertThat(out.failed()).isTrue();
        assertThat(out.commands()).isEmpty();
        assertThat(out.failure().attribute()).isEqualTo("title");
        assertThat(out.failure().expression()).isEqualTo("Mid([jobTitle], [level], 3)");
        ProvisioningResult r = out.results().get(0);
        assertThat(r.status()).isEqualTo(ProvisioningStatus.FAILURE);
        assertThat(r.error().errorCode()).isEqualTo("AttributeMappingFailed");
        assertThat(r.error().reason()).contains("attribute 'title'").contains("Mid([jobTitle], [level], 3)")
                .contains("Mid start is not a number: \"high\"");
        assertThat(r.error().additionalDetails()).contains("entra.changes.v1.dlt");
        RecordCodec.read(RecordCodec.write(r), ProvisioningResult.class);
    }

    @Test
    void redactedAttributesShowAsRedactInTheAuditTrail() {
        String yaml = """
                users:
                  mappings:
                    - {target: userName, source: "[userPrincipalName]", matching: 1}
                    - {target: password, source: "Redact([employeeId])"}
                """;
        Map<String, Object> attrs = new HashMap<>(alice());
        attrs.put("employeeId", "E-12345");
        MappingOutcome out = mapper(SchemaLoader.parse(yaml, "t"), false).map(Events.user("e1", ChangeKind.UPSERT, attrs, ASSIGNED));
        ProvisioningCommand c = single(out, Operation.UPSERT);
        assertThat(c.attribute("password")).isEqualTo(new TargetAttribute("password", "E-12345", AttributeFlow.ALWAYS, true));
        String audit = RecordCodec.writeString(c.decisionSteps());
        assertThat(audit).contains("[Redact]").doesNotContain("E-12345");
    }

    @Test
    void disabledGroupMappingSkipsGroups() {
        String yaml = """
                users:
                  mappings:
                    - {target: userName, source: "[userPrincipalName]", matching: 1}
                groups:
                  enabled: false
                  mappings:
                    - {target: displayName, source: "[displayName]", matching: 1}
                """;
        MappingOutcome out = mapper(SchemaLoader.parse(yaml, "t"), false)
                .map(Events.group("e1", ChangeKind.UPSERT, Map.of("displayName", "G"), List.of()));
        assertThat(out.commands()).isEmpty();
        assertThat(out.results().get(0).status()).isEqualTo(ProvisioningStatus.SKIPPED);
    }

    @Test
    void missingMatchingValueIsAFailureNotAnUnmatchableUpsert() {
        Map<String, Object> attrs = new HashMap<>(alice());
        attrs.remove("userPrincipalName");
        MappingOutcome out = defaults.map(Events.user("e1", ChangeKind.UPSERT, attrs, ASSIGNED));
        assertThat(out.failed()).isTrue();
        assertThat(out.commands()).isEmpty();
        assertThat(out.failure().reason()).contains("every matching attribute evaluated to null");
        assertThat(out.failure().attribute()).contains("userName <- [userPrincipalName]");
    }

    @Test
    void aDefectBecomesAFailureResultInsteadOfBlockingThePartition() {
        MappingOutcome out = defaults.failed(Events.user("e1", ChangeKind.UPSERT, alice(), ASSIGNED), "MapperError", "NullPointerException: x");
        assertThat(out.failed()).isTrue();
        assertThat(out.commands()).isEmpty();
        assertThat(out.results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ProvisioningStatus.FAILURE);
            assertThat(r.error().errorCode()).isEqualTo("MapperError");
        });
    }

    private static ProvisioningCommand single(MappingOutcome out, Operation op) {
        assertThat(out.failure()).isNull();
        assertThat(out.commands()).singleElement().extracting(ProvisioningCommand::operation).isEqualTo(op);
        assertThat(out.results()).isEmpty();
        return out.commands().get(0);
    }

    static String resource(String name) {
        try (InputStream in = ChangeMapperTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
