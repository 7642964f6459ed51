package io.entrascim.contracts;

/**
 * One mapped target attribute.
 *
 * @param name     SCIM attribute path, e.g. {@code userName}, {@code name.givenName},
 *                 {@code emails[type eq "work"].value}, or an extension URN path
 * @param value    the value (string, boolean, number or list); never null: nulls are not sent
 * @param flow     always, or only when the object is created
 * @param redacted true when the mapping wrapped it in {@code Redact()}: audit shows {@code [Redact]}
 */
public record TargetAttribute(String name, Object value, AttributeFlow flow, boolean redacted) {

    public static final String REDACTED = "[Redact]";

    /** The value as it may appear in logs and the audit trail. */
    public Object auditValue() {
        return redacted ? REDACTED : value;
    }
}
