package io.entrascim.mapper.scoping;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One scoping clause: {@code sourceOperandName operatorName targetOperand.values}. Regex operands are
 * compiled when the configuration is loaded.
 */
public record FilterClause(String attribute, FilterOperator operator, List<String> values, List<Pattern> patterns) {

    public FilterClause {
        values = values == null ? List.of() : List.copyOf(values);
        patterns = patterns == null ? List.of() : List.copyOf(patterns);
    }

    /**
     * @throws IllegalArgumentException naming what is wrong (missing value, bad regex, non-integer operand)
     */
    public static FilterClause of(String attribute, FilterOperator operator, List<String> values) {
        if (attribute == null || attribute.isBlank()) {
            throw new IllegalArgumentException("sourceOperandName is required");
        }
        if (operator.binary() && (values == null || values.isEmpty())) {
            throw new IllegalArgumentException("operator " + operator.graphName() + " needs a value in targetOperand.values");
        }
        List<Pattern> patterns = List.of();
        if (operator.regex()) {
            patterns = values.stream().map(v -> {
                try {
                    return Pattern.compile(v);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw new IllegalArgumentException("invalid regular expression \"" + v + "\": " + e.getDescription());
                }
            }).toList();
        }
        if (operator.integer()) {
            for (String v : values) {
                try {
                    Long.parseLong(v.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(operator.graphName() + " compares integers only, but the value is \"" + v + "\"");
                }
            }
        }
        return new FilterClause(attribute, operator, values, patterns);
    }

    public String describe() {
        return attribute + " " + operator.graphName() + (values.isEmpty() ? "" : " " + String.join(" | ", values));
    }
}
