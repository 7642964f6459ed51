package io.entrascim.contracts;

/** Entra's {@code flowType} reduced to what the sink acts on. */
public enum AttributeFlow {
    /** Sent on create and on every update where it differs ({@code Always}). */
    ALWAYS,
    /** Sent only when the object is created ({@code ObjectAddOnly}, and defaults applied on create). */
    ON_CREATE_ONLY
}
