package io.entrascim.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.entrascim.contracts.CycleOrigin;
import io.entrascim.contracts.ErrorInfo;
import io.entrascim.contracts.Identity;
import io.entrascim.contracts.ModifiedProperty;
import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.ProvisioningStep;
import io.entrascim.contracts.ReportingService;
import io.entrascim.contracts.StepType;

/** Test results shaped like the sink's, with everything a filter can select on. */
final class Results {

    private Results() {
    }

    static ProvisioningResult success(String id, String jobId, String cycleId, String changeId, Instant at,
                                      ProvisioningAction action, String sourceId, String upn) {
        return new ProvisioningResult(ProvisioningResult.VERSION, id, changeId, cycleId, jobId, at, 12, action,
                ProvisioningStatus.SUCCESS, ReportingService.SCIM_SINK, CycleOrigin.INCREMENTAL,
                new Identity(sourceId, upn, "User"), new Identity("scim-" + sourceId, upn, "User"),
                List.of(ProvisioningStep.of("EntryImport", StepType.IMPORT, ProvisioningStatus.SUCCESS, "Received User '" + upn + "'"),
                        new ProvisioningStep("EntryExportUpdate", StepType.EXPORT, ProvisioningStatus.SUCCESS,
                                "Updated User '" + upn + "'", Map.of("ReportableIdentifier", upn))),
                List.of(new ModifiedProperty("displayName", "Old " + upn, upn),
                        new ModifiedProperty("password", null, "[Redact]")),
                null, null);
    }

    static ProvisioningResult failure(String id, String jobId, String cycleId, String changeId, Instant at,
                                      String sourceId, String upn, String errorCode) {
        return new ProvisioningResult(ProvisioningResult.VERSION, id, changeId, cycleId, jobId, at, 40,
                ProvisioningAction.CREATE, ProvisioningStatus.FAILURE, ReportingService.SCIM_SINK, CycleOrigin.INCREMENTAL,
                new Identity(sourceId, upn, "User"), new Identity(null, upn, "User"),
                List.of(new ProvisioningStep("EntryExportAdd", StepType.EXPORT, ProvisioningStatus.FAILURE,
                        "Failed to create User '" + upn + "'", Map.of("ReportableIdentifier", upn))),
                List.of(new ModifiedProperty("userName", null, upn)),
                new ErrorInfo(errorCode, "SCIM target answered HTTP 500 for " + upn, "httpStatus=500", "failure",
                        "Retry later"), null);
    }

    static ProvisioningResult replayOf(ProvisioningResult original, String id, Instant at) {
        return new ProvisioningResult(ProvisioningResult.VERSION, id, original.changeId(), original.cycleId(),
                original.jobId(), at, 9, original.action(), ProvisioningStatus.SUCCESS, ReportingService.SCIM_SINK,
                CycleOrigin.REPLAY, original.sourceIdentity(), new Identity("scim-" + original.sourceIdentity().id(),
                original.sourceIdentity().displayName(), "User"), List.of(), List.of(), null, original.id());
    }

    static ProvisioningResult group(String id, String jobId, Instant at, String sourceId, String name) {
        return new ProvisioningResult(ProvisioningResult.VERSION, id, "chg-" + id, "cyc-groups", jobId, at, 5,
                ProvisioningAction.UPDATE, ProvisioningStatus.SKIPPED, ReportingService.MAPPER_SERVICE,
                CycleOrigin.INITIAL, new Identity(sourceId, name, "Group"), null, List.of(), List.of(), null, null);
    }
}
