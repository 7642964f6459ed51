package io.entrascim.contracts;

/** Graph {@code provisioningAction}. */
public enum ProvisioningAction {
    CREATE, UPDATE, DELETE, DISABLE, STAGED_DELETE, OTHER
}
