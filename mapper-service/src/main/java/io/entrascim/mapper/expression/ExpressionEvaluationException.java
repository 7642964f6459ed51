package io.entrascim.mapper.expression;

/** An expression that parsed but cannot be evaluated for one object (bad number, bad date, ...). */
public final class ExpressionEvaluationException extends RuntimeException {
    public ExpressionEvaluationException(String message) {
        super(message);
    }

    public ExpressionEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
