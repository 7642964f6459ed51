package io.entrascim.mapper.expression;

/** An expression that cannot be parsed; {@link #column()} is 1-based, as an editor shows it. */
public final class ExpressionParseException extends RuntimeException {
    private final int column;
    private final String reason;

    public ExpressionParseException(String reason, int column) {
        super(reason + " at column " + column);
        this.reason = reason;
        this.column = column;
    }

    public int column() {
        return column;
    }

    public String reason() {
        return reason;
    }
}
