package io.entrascim.mapper.scoping;

/** Entra's provisioning "Scope" setting (Graph secret {@code SyncAll}). */
public enum AssignmentScope {
    /** Sync only assigned users and groups (Entra's recommended default). */
    ASSIGNED,
    /** Sync all users and groups. */
    ALL
}
