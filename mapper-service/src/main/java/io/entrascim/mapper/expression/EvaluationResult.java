package io.entrascim.mapper.expression;

/**
 * The value of one expression for one object.
 *
 * @param value    a String, Long, List (multi-valued) or null
 * @param dropped  true when IgnoreFlowIfNullOrEmpty removed the attribute from the flow
 * @param redacted true when Redact() was applied: logs and audit show {@code [Redact]}
 */
public record EvaluationResult(Object value, boolean dropped, boolean redacted) {
}
