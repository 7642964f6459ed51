package io.entrascim.contracts;

import java.util.Map;

/**
 * One step of a provisioning decision (Graph {@code provisioningStep}).
 *
 * @param name        e.g. {@code EntryImportAdd}, {@code EntrySynchronizationAdd}, {@code EntryExportAdd}
 * @param type        import, scoping, matching, processing, reference resolution or export
 * @param status      step outcome
 * @param description human-readable sentence
 * @param details     key/value details (never secrets; redacted values appear as {@code [Redact]})
 */
public record ProvisioningStep(String name, StepType type, ProvisioningStatus status, String description,
                               Map<String, String> details) {
    public ProvisioningStep {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static ProvisioningStep of(String name, StepType type, ProvisioningStatus status, String description) {
        return new ProvisioningStep(name, type, status, description, Map.of());
    }
}
