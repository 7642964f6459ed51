package io.entrascim.contracts;

/**
 * A matching attribute with its value, tried one at a time in precedence order with an {@code eq}
 * filter.
 *
 * @param name     SCIM attribute, e.g. {@code userName} or {@code displayName}
 * @param value    the value to look for
 * @param priority Entra's {@code matchingPriority} (1 is tried first)
 */
public record MatchingAttribute(String name, String value, int priority) {
}
