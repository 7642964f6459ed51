package io.entrascim.sink.scim;

/**
 * How PATCH bodies are written. Tanium is an Entra gallery app and some targets accept only one form.
 */
public enum PatchDialect {
    /** RFC 7644 (Entra with {@code aadOptscim062020}): lowercase ops, booleans, {@code members[value eq "id"]} removal. */
    RFC,
    /** Entra's legacy form: {@code Add/Replace/Remove}, {@code "True"/"False"} strings, remove-with-value. */
    ENTRA_LEGACY
}
