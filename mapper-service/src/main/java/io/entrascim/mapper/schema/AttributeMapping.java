package io.entrascim.mapper.schema;

import io.entrascim.contracts.AttributeFlow;
import io.entrascim.mapper.expression.Expression;

/**
 * One attribute mapping, parsed and validated.
 *
 * @param targetAttributeName SCIM attribute path
 * @param kind                direct attribute, constant or expression
 * @param expression          parsed source expression; null for a constant
 * @param constant            the constant value for {@link SourceKind#CONSTANT}
 * @param defaultValue        used on create only when the source evaluates to null; may be null
 * @param flowType            Graph flowType as configured (Always, ObjectAddOnly, ...)
 * @param flow                what the sink acts on
 * @param matchingPriority    0 = not matching; 1 is tried first
 * @param targetType          type of the target attribute (decides how "True"/"False" and numbers are sent)
 * @param multiValued         the target attribute holds several values
 */
public record AttributeMapping(String targetAttributeName, SourceKind kind, Expression expression, String constant,
                               String defaultValue, String flowType, AttributeFlow flow, int matchingPriority,
                               TargetType targetType, boolean multiValued) {

    /** The source as the portal shows it: the expression text or the quoted constant. */
    public String sourceText() {
        return expression != null ? expression.text() : "\"" + constant + "\"";
    }

    public boolean matching() {
        return matchingPriority > 0;
    }
}
