package io.entrascim.contracts;

/** Graph {@code provisioningStatusInfo.status}. */
public enum ProvisioningStatus {
    SUCCESS, FAILURE, SKIPPED, WARNING
}
