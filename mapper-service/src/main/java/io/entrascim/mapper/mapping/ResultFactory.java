package io.entrascim.mapper.mapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.entrascim.contracts.ChangeEvent;
import io.entrascim.contracts.ErrorInfo;
import io.entrascim.contracts.Identity;
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

    /**
     * The steps a command carries to scim-sink: the mapper's steps and the operation decided, which names the command's
     * place among the change's commands ({@code commandIndex} of {@code commandCount}), so a reader of the log
     * (provisionctl's on-demand provisioning) knows when every command of a change has its outcome.
     */
    static List<ProvisioningStep> decisionSteps(ProvisioningCommand c, String description, List<ProvisioningStep> steps,
                                                int index, int count) {
        List<ProvisioningStep> all = new ArrayList<>(steps.size() + 1);
        all.addAll(steps);
        all.add(new ProvisioningStep("EntrySynchronization" + pascal(c.operation().name()), StepType.PROCESSING,
                ProvisioningStatus.SUCCESS, description,
                Map.of(ProvisioningCommand.COMMAND_INDEX_DETAIL, Integer.toString(index),
                        ProvisioningCommand.COMMAND_COUNT_DETAIL, Integer.toString(count))));
        return all;
    }

    /** A decision that makes no command; {@code commands}: how many the same change makes otherwise (usually none). */
    static ProvisioningResult skipped(ChangeEvent e, String jobId, Instant at, long millis, String step, String reason,
                                      List<ProvisioningStep> steps, int commands) {
        List<ProvisioningStep> all = new ArrayList<>(steps);
        all.add(new ProvisioningStep("EntrySynchronizationSkipped", StepType.PROCESSING, ProvisioningStatus.SKIPPED,
                "Skipped: " + reason, Map.of(ProvisioningCommand.COMMAND_COUNT_DETAIL, Integer.toString(commands))));
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
