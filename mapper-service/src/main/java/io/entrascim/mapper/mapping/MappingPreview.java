package io.entrascim.mapper.mapping;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.entrascim.contracts.AssignmentFacts;
import io.entrascim.contracts.ChangeEvent;
import io.entrascim.contracts.ChangeKind;
import io.entrascim.contracts.CycleOrigin;
import io.entrascim.contracts.ObjectType;
import io.entrascim.contracts.Operation;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.ProvisioningStep;

/**
 * Runs one source object through the mapper without Kafka, like Entra's "provision on demand"
 * preview: scoping decision with reasons, the operation, and the SCIM payload that would be sent.
 */
public final class MappingPreview {
    private MappingPreview() {
    }

    /**
     * @param source   attribute name -> value (arrays for multi-valued attributes)
     * @param assigned true/false when the caller knows the assignment, null for "not evaluated"
     */
    public static Map<String, Object> preview(ChangeMapper mapper, ObjectType type, Map<String, Object> source, Boolean assigned) {
        Object id = source.getOrDefault("id", source.getOrDefault("objectId", "preview"));
        AssignmentFacts facts = assigned == null ? AssignmentFacts.notEvaluated() : new AssignmentFacts(true, assigned, List.of());
        ChangeEvent event = new ChangeEvent(ChangeEvent.VERSION, "preview-" + UUID.randomUUID(), "preview", CycleOrigin.ON_DEMAND,
                Instant.now(), type, String.valueOf(id), ChangeKind.UPSERT, source, facts, List.of());
        MappingOutcome outcome = mapper.map(event);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("objectType", type.name());
        if (outcome.scoping() != null) {
            Map<String, Object> scoping = new LinkedHashMap<>();
            scoping.put("inScope", outcome.scoping().inScope());
            scoping.put("isSoftDeleted", outcome.scoping().isSoftDeleted());
            scoping.put("reasons", outcome.scoping().reasons());
            scoping.put("details", outcome.scoping().details());
            out.put("scoping", scoping);
        }
        List<ProvisioningCommand> commands = outcome.commands();
        out.put("operations", commands.stream().map(c -> c.operation().name()).toList());
        for (ProvisioningCommand c : commands) {
            if (c.operation() == Operation.UPSERT) {
                out.put("matching", c.matching().stream().map(m -> Map.of("attribute", m.name(), "value", m.value(),
                        "priority", m.priority())).toList());
                out.put("onCreateOnly", c.attributes().stream()
                        .filter(a -> a.flow() == io.entrascim.contracts.AttributeFlow.ON_CREATE_ONLY).map(a -> a.name()).toList());
                out.put("scimPayload", ScimPayload.render(type, c.attributes(), false));
            }
        }
        if (outcome.failed()) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("attribute", outcome.failure().attribute());
            error.put("expression", outcome.failure().expression());
            error.put("reason", outcome.failure().reason());
            out.put("error", error);
        }
        // a command carries its decision (the mapper publishes no result for it); a change without one has a result
        List<ProvisioningStep> decided = !commands.isEmpty() ? commands.get(0).decisionSteps()
                : outcome.results().isEmpty() ? List.of() : outcome.results().get(0).steps();
        out.put("decision", !commands.isEmpty() ? ProvisioningStatus.SUCCESS.name()
                : outcome.results().stream().map(ProvisioningResult::status).map(Enum::name).findFirst().orElse("NONE"));
        out.put("description", decided.isEmpty() ? null : decided.get(decided.size() - 1).description());
        return out;
    }
}
