package io.entrascim.audit.store;

import java.time.Instant;

import io.entrascim.contracts.ErrorInfo;
import io.entrascim.contracts.Identity;

/**
 * One row of the provisioning log as listed (everything but steps and modified properties, like the portal's
 * list and the {@code ProvisioningLogs} CSV).
 */
public record LogEntry(String id, Instant activityDateTime, String changeId, String cycleId, String jobId,
                       String action, String status, long durationInMilliseconds, String reportedBy, String origin,
                       Identity sourceIdentity, Identity targetIdentity, ErrorInfo error, String replayOf) {
}
