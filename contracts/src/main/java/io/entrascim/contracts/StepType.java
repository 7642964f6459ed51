package io.entrascim.contracts;

/** Graph {@code provisioningStepType}. */
public enum StepType {
    IMPORT, SCOPING, MATCHING, PROCESSING, REFERENCE_RESOLUTION, EXPORT
}
