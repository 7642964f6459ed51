package io.entrascim.mapper.mapping;

/** One attribute mapping could not produce a value for one object: data, not a crash. */
public final class MappingException extends RuntimeException {
    private final String attribute;
    private final String expression;
    private final String reason;

    public MappingException(String attribute, String expression, String reason) {
        super("attribute '" + attribute + "' (expression " + expression + "): " + reason);
        this.attribute = attribute;
        this.expression = expression;
        this.reason = reason;
    }

    public String attribute() {
        return attribute;
    }

    public String expression() {
        return expression;
    }

    public String reason() {
        return reason;
    }
}
