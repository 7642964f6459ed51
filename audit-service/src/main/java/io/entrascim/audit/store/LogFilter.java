package io.entrascim.audit.store;

import java.time.Instant;
import java.util.Set;

import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.ReportingService;

/**
 * What a query of the log selects. Every field is optional (null or empty = no condition); conditions combine with AND.
 *
 * @param from         activity time, inclusive
 * @param to           activity time, exclusive
 * @param statuses     any of these statuses
 * @param actions      any of these actions
 * @param objectType   {@code User} or {@code Group} (case-insensitive)
 * @param sourceId     Entra object id
 * @param targetId     SCIM resource id
 * @param namePrefix   source or target display name (userPrincipalName / userName) starts with, case-insensitive
 * @param nameContains source or target display name contains, case-insensitive
 * @param cycleId      cycle
 * @param changeId     change (all results of one change event)
 * @param errorCode    error code, exact
 * @param jobId        provisioning job
 * @param reportedBy   the service that emitted the result
 */
public record LogFilter(Instant from, Instant to, Set<ProvisioningStatus> statuses, Set<ProvisioningAction> actions,
                        String objectType, String sourceId, String targetId, String namePrefix, String nameContains,
                        String cycleId, String changeId, String errorCode, String jobId, ReportingService reportedBy) {

    public LogFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        actions = actions == null ? Set.of() : Set.copyOf(actions);
    }

    public static LogFilter none() {
        return new LogFilter(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public LogFilter withStatuses(Set<ProvisioningStatus> newStatuses) {
        return new LogFilter(from, to, newStatuses, actions, objectType, sourceId, targetId, namePrefix, nameContains,
                cycleId, changeId, errorCode, jobId, reportedBy);
    }

    public LogFilter withCycleId(String newCycleId) {
        return new LogFilter(from, to, statuses, actions, objectType, sourceId, targetId, namePrefix, nameContains,
                newCycleId, changeId, errorCode, jobId, reportedBy);
    }
}
