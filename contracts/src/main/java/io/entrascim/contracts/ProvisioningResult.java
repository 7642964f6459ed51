package io.entrascim.contracts;

import java.time.Instant;
import java.util.List;

/**
 * any service -> audit-service: one decision or outcome for one object, shaped after Microsoft Graph's
 * {@code provisioningObjectSummary}; keyed by the source object id on {@link Topics#RESULTS}.
 *
 * @param schemaVersion          {@link #VERSION}
 * @param id                     unique, deterministic id of this result: the audit log stores it once
 * @param changeId               the change event id that caused it (shared by all results of one change)
 * @param cycleId                the source cycle
 * @param jobId                  the provisioning job (pipeline instance) name
 * @param activityDateTime       when the decision or outcome happened
 * @param durationInMilliseconds how long it took
 * @param action                 create, update, delete, disable, stagedDelete or other
 * @param status                 success, failure, skipped or warning
 * @param reportedBy             the service that emitted it
 * @param origin                 initial, incremental, on demand or replay
 * @param sourceIdentity         the Entra object
 * @param targetIdentity         the SCIM resource, may have a null id before create
 * @param steps                  ordered steps
 * @param modifiedProperties     attributes written, old and new
 * @param error                  error details when status is failure or warning, else null
 * @param replayOf               the result id of the failure this outcome replays, or null
 */
public record ProvisioningResult(
        int schemaVersion,
        String id,
        String changeId,
        String cycleId,
        String jobId,
        Instant activityDateTime,
        long durationInMilliseconds,
        ProvisioningAction action,
        ProvisioningStatus status,
        ReportingService reportedBy,
        CycleOrigin origin,
        Identity sourceIdentity,
        Identity targetIdentity,
        List<ProvisioningStep> steps,
        List<ModifiedProperty> modifiedProperties,
        ErrorInfo error,
        String replayOf) implements Versioned {

    public static final int VERSION = 1;

    public ProvisioningResult {
        steps = steps == null ? List.of() : List.copyOf(steps);
        modifiedProperties = modifiedProperties == null ? List.of() : List.copyOf(modifiedProperties);
    }

    @Override
    public void validate() {
        Versioned.requireVersion(schemaVersion, VERSION);
        Versioned.require(id, "id");
        Versioned.require(changeId, "changeId");
        Versioned.require(activityDateTime, "activityDateTime");
        Versioned.require(action, "action");
        Versioned.require(status, "status");
        Versioned.require(reportedBy, "reportedBy");
        Versioned.require(sourceIdentity, "sourceIdentity");
    }
}
