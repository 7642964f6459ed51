package io.entrascim.mapper.mapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.entrascim.contracts.ChangeEvent;
import io.entrascim.contracts.ErrorInfo;
import io.entrascim.contracts.Identity;
import io.entrascim.contracts.ModifiedProperty;
import io.entrascim.contracts.ObjectType;
import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.ProvisioningStep;
import io.entrascim.contracts.ReportingService;
import io.entrascim.contracts.StepType;
import io.entrascim.contracts.TargetAttribute;
import io.entrascim.mapper.scoping.ScopingDecision;

/** Builds the mapper's audit results with deterministic ids, so redelivery never duplicates a row. */
final class ResultFactory {
    static final String SERVICE = "mapper-service";

    private ResultFactory() {
    }

    static String id(String... parts) {
        return DeterministicIds.of(SERVICE + ":" + String.join(":", parts));
    }

    static ProvisioningStep importStep(ChangeEvent e) {
        return ProvisioningStep.of("EntryImport", StepType.IMPORT, ProvisioningStatus.SUCCESS,
                "Received " + e.kind() + " of " + e.objectType() + " " + e.objectId() + " (" + e.origin() + ", cycle " + e.cycleId() + ")");
    }

    static ProvisioningStep scopingStep(ScopingDecision d) {
        ProvisioningStatus status = d.provision() ? ProvisioningStatus.SUCCESS : ProvisioningStatus.SKIPPED;
        String description = (d.provision() ? "In scope: " : "Not in scope: ") + d.summary();
        return new ProvisioningStep("EntrySynchronizationScoping", StepType.SCOPING, status, description, d.details());
    }

    static ProvisioningStep scopingStep(String description, ProvisioningStatus status) {
        return ProvisioningStep.of("EntrySynchronizationScoping", StepType.SCOPING, status, description);
    }

    @SuppressWarnings("unchecked")
    static ProvisioningStep mappingStep(MappedObject mapped) {
        List<Map.Entry<String, String>> details = new ArrayList<>(mapped.attributes().size() + mapped.dropped().size()
                + mapped.nulls().size());
        for (TargetAttribute a : mapped.attributes()) {
            String value = String.valueOf(a.auditValue());
            details.add(Map.entry(a.name(), a.flow() == io.entrascim.contracts.AttributeFlow.ON_CREATE_ONLY
                    ? value + " (on create only)" : value));
        }
        mapped.dropped().forEach(n -> details.add(Map.entry(n, "(not flowed: IgnoreFlowIfNullOrEmpty)")));
        mapped.nulls().forEach(n -> details.add(Map.entry(n, "(null: not sent)")));
        return new ProvisioningStep("EntrySynchronizationMapping", StepType.PROCESSING, ProvisioningStatus.SUCCESS,
                "Mapped " + mapped.attributes().size() + " attribute(s); matching on " + matchingNames(mapped),
                Map.ofEntries(details.toArray(new Map.Entry[0])));
    }

    private static String matchingNames(MappedObject mapped) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < mapped.matching().size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(mapped.matching().get(i).name());
        }
        return sb.append(']').toString();
    }

    static Identity source(ChangeEvent e) {
        Object name = e.objectType() == ObjectType.USER ? e.attributes().get("userPrincipalName") : e.attributes().get("displayName");
        return new Identity(e.objectId(), name == null ? null : name.toString(), type(e.objectType()));
    }

    static String type(ObjectType t) {
        return t == ObjectType.USER ? "User" : "Group";
    }

    static Identity target(ChangeEvent e, List<TargetAttribute> attributes) {
        String key = e.objectType() == ObjectType.USER ? "userName" : "displayName";
        for (TargetAttribute a : attributes) {
            if (a.name().equals(key)) {
                return new Identity(null, String.valueOf(a.auditValue()), type(e.objectType()));
            }
        }
        return new Identity(null, null, type(e.objectType()));
    }

    static List<ModifiedProperty> modified(List<TargetAttribute> attributes) {
        List<ModifiedProperty> out = new ArrayList<>(attributes.size());
        for (TargetAttribute a : attributes) {
            out.add(new ModifiedProperty(a.name(), null, String.valueOf(a.auditValue())));
        }
        return out;
    }

    static ProvisioningResult forCommand(ChangeEvent e, ProvisioningCommand c, String jobId, Instant at, long millis,
                                         ProvisioningAction action, String description, List<ProvisioningStep> steps) {
        List<ProvisioningStep> all = new ArrayList<>(steps);
        all.add(ProvisioningStep.of("EntrySynchronization" + pascal(c.operation().name()), StepType.PROCESSING,
                ProvisioningStatus.SUCCESS, description));
        return new ProvisioningResult(ProvisioningResult.VERSION, id(c.commandId(), "decision"), e.eventId(), e.cycleId(), jobId, at,
                millis, action, ProvisioningStatus.SUCCESS, ReportingService.MAPPER_SERVICE, e.origin(), source(e),
                target(e, c.attributes()), all, modified(c.attributes()), null, null);
    }

    static ProvisioningResult skipped(ChangeEvent e, String jobId, Instant at, long millis, String step, String reason,
                                      List<ProvisioningStep> steps) {
        List<ProvisioningStep> all = new ArrayList<>(steps);
        all.add(ProvisioningStep.of("EntrySynchronizationSkipped", StepType.PROCESSING, ProvisioningStatus.SKIPPED, "Skipped: " + reason));
        return new ProvisioningResult(ProvisioningResult.VERSION, id(e.eventId(), step), e.eventId(), e.cycleId(), jobId, at, millis,
                ProvisioningAction.OTHER, ProvisioningStatus.SKIPPED, ReportingService.MAPPER_SERVICE, e.origin(), source(e),
                new Identity(null, null, type(e.objectType())), all, List.of(), null, null);
    }

    static ProvisioningResult failure(ChangeEvent e, String jobId, Instant at, long millis, MappingOutcome.Failure f, String dlt,
                                      List<ProvisioningStep> steps) {
        List<ProvisioningStep> all = new ArrayList<>(steps);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("attribute", f.attribute());
        details.put("expression", f.expression());
        details.put("deadLetterTopic", dlt);
        all.add(new ProvisioningStep("EntrySynchronizationMapping", StepType.PROCESSING, ProvisioningStatus.FAILURE, f.message(), details));
        return new ProvisioningResult(ProvisioningResult.VERSION, id(e.eventId(), "mapping-failure"), e.eventId(), e.cycleId(), jobId, at,
                millis, ProvisioningAction.OTHER, ProvisioningStatus.FAILURE, ReportingService.MAPPER_SERVICE, e.origin(), source(e),
                new Identity(null, null, type(e.objectType())), all, List.of(),
                new ErrorInfo(f.errorCode(), f.message(), "expression: " + f.expression() + "; event kept on " + dlt,
                        "nonServiceFailure", "Fix the attribute mapping or the source value, then replay the event from " + dlt),
                null);
    }

    private static String pascal(String op) {
        StringBuilder sb = new StringBuilder();
        for (String part : op.split("_")) {
            sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return sb.toString();
    }
}
