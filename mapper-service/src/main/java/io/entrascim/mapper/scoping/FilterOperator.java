package io.entrascim.mapper.scoping;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The scoping filter operators Entra documents, by their Graph {@code operatorName}. Every binary
 * operator is false on a null or empty attribute; only IS NULL is true there.
 */
public enum FilterOperator {
    EXISTS_IN("&", true),
    NOT_EXISTS_IN("!&", true),
    ENDS_WITH("ENDS_WITH", true),
    EQUALS("EQUALS", true),
    NOT_EQUALS("NOT EQUALS", true),
    GREATER_THAN("Greater_Than", true),
    GREATER_THAN_OR_EQUALS("Greater_Than_OR_EQUALS", true),
    INCLUDES("Includes", true),
    IS_TRUE("IS TRUE", false),
    IS_FALSE("IS FALSE", false),
    IS_NULL("IS NULL", false),
    IS_NOT_NULL("IS NOT NULL", false),
    REGEX_MATCH("REGEX MATCH", true),
    NOT_REGEX_MATCH("NOT REGEX MATCH", true);

    private final String graphName;
    private final boolean binary;

    FilterOperator(String graphName, boolean binary) {
        this.graphName = graphName;
        this.binary = binary;
    }

    public String graphName() {
        return graphName;
    }

    public boolean binary() {
        return binary;
    }

    public boolean regex() {
        return this == REGEX_MATCH || this == NOT_REGEX_MATCH;
    }

    public boolean integer() {
        return this == GREATER_THAN || this == GREATER_THAN_OR_EQUALS;
    }

    /** Looks an operator up by its Graph name; underscores and spaces are interchangeable, case is not significant. */
    public static FilterOperator byGraphName(String name) {
        if (name == null) {
            return null;
        }
        String wanted = name.trim().replace('_', ' ');
        for (FilterOperator op : values()) {
            if (op.graphName.replace('_', ' ').equalsIgnoreCase(wanted)) {
                return op;
            }
        }
        return null;
    }

    public static List<String> graphNames() {
        return java.util.Arrays.stream(values()).map(FilterOperator::graphName).toList();
    }

    /**
     * @param value    the attribute's single value as text (never null or empty here)
     * @param operands the clause's target values
     * @param patterns compiled operands for the regex operators, else null
     */
    boolean test(String value, List<String> operands, List<Pattern> patterns) {
        return switch (this) {
            case EXISTS_IN -> operands.stream().anyMatch(o -> o.contains(value));
            case NOT_EXISTS_IN -> operands.stream().noneMatch(o -> o.contains(value));
            case ENDS_WITH -> operands.stream().anyMatch(value::endsWith);
            case EQUALS -> operands.contains(value);
            case NOT_EQUALS -> !operands.contains(value);
            case INCLUDES -> operands.stream().anyMatch(value::contains);
            case GREATER_THAN -> compareInteger(value, operands.get(0)) > 0;
            case GREATER_THAN_OR_EQUALS -> compareInteger(value, operands.get(0)) >= 0;
            case IS_TRUE -> "True".equalsIgnoreCase(value);
            case IS_FALSE -> "False".equalsIgnoreCase(value);
            case IS_NULL -> false;
            case IS_NOT_NULL -> true;
            case REGEX_MATCH -> patterns.stream().anyMatch(p -> p.matcher(value).find());
            case NOT_REGEX_MATCH -> patterns.stream().noneMatch(p -> p.matcher(value).find());
        };
    }

    /** Integer.MIN_VALUE-safe comparison; a non-integer attribute never passes (Entra: integers only). */
    private static int compareInteger(String value, String operand) {
        try {
            return Long.compare(Long.parseLong(value.trim()), Long.parseLong(operand.trim()));
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }
}
