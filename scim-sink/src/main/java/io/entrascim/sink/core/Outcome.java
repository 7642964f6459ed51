package io.entrascim.sink.core;

import io.entrascim.contracts.ModifiedProperty;
import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.ProvisioningStep;
import io.entrascim.sink.scim.ErrorClass;

import java.time.Instant;
import java.util.List;

/**
 * What one reconciliation decided and did for one object.
 *
 * @param key          distinguishes the outcomes of one command ({@code main}, {@code ref:<group>})
 * @param action       create, update, disable, delete or other
 * @param status       success, failure, skipped or warning
 * @param sourceId     Entra object id the outcome is about
 * @param targetId     SCIM id, null when unknown
 * @param targetName   userName / displayName in the target, may be null
 * @param steps        matching, export, reference resolution steps
 * @param modified     attributes written (old -> new), redacted where the mapping says so
 * @param failure      set when status is failure (or warning), else null
 * @param millis       time spent
 * @param changeId     change the outcome belongs to (a parked membership keeps its own change)
 * @param cycleId      cycle of that change
 */
public record Outcome(String key, ProvisioningAction action, ProvisioningStatus status, String sourceId,
                      String targetId, String targetName, List<ProvisioningStep> steps, List<ModifiedProperty> modified,
                      Failure failure, long millis, String changeId, String cycleId) {

    /**
     * Why it failed.
     *
     * @param errorClass        drives dead-lettering
     * @param errorCode         e.g. {@code BadRequest}, {@code DuplicateTargetEntries}, {@code TooManyRequests}
     * @param reason            what went wrong, naming the attribute or call
     * @param httpStatus        SCIM status, may be null
     * @param scimType          SCIM scimType, may be null
     * @param detail            SCIM detail, may be null
     * @param attempts          attempts made
     * @param firstFailureAt    first failure
     * @param lastFailureAt     last failure
     * @param recommendedAction what the operator should do
     */
    public record Failure(ErrorClass errorClass, String errorCode, String reason, Integer httpStatus, String scimType,
                          String detail, int attempts, Instant firstFailureAt, Instant lastFailureAt,
                          String recommendedAction) {
    }

    public boolean deadLetter() {
        return status == ProvisioningStatus.FAILURE;
    }
}
