package io.entrascim.mapper.expression;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A parsed Entra attribute-mapping expression. Parse once (at configuration load), evaluate many
 * times; instances are immutable and thread-safe.
 */
public final class Expression {
    private static final FunctionLibrary LIBRARY = FunctionLibrary.standard();

    private final String text;
    private final Node root;
    private final Set<String> attributes;

    private Expression(String text, Node root) {
        this.text = text;
        this.root = root;
        Set<String> names = new LinkedHashSet<>();
        root.collectAttributes(names);
        this.attributes = Collections.unmodifiableSet(names);
    }

    /** @throws ExpressionParseException with a 1-based column when the text is not a valid expression */
    public static Expression parse(String text) {
        return new Expression(text, ExpressionParser.parse(text, LIBRARY));
    }

    /** @throws ExpressionEvaluationException when a function cannot compute a value for this object */
    public EvaluationResult evaluate(EvaluationContext ctx) {
        ctx.dropped = false;
        ctx.redacted = false;
        Object value;
        try {
            value = root.eval(ctx);
        } catch (ExpressionEvaluationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ExpressionEvaluationException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        if (ctx.dropped) {
            return new EvaluationResult(null, true, ctx.redacted);
        }
        return new EvaluationResult(value, false, ctx.redacted);
    }

    public String text() {
        return text;
    }

    /** Source attributes the expression reads, in order of appearance. */
    public Set<String> attributes() {
        return attributes;
    }

    /** True when the whole expression is a single attribute reference, e.g. {@code [displayName]}. */
    public boolean isDirectAttribute() {
        return root instanceof Node.Attribute;
    }

    /** Names of all functions Entra documents and this evaluator implements. */
    public static Set<String> functionNames() {
        return LIBRARY.names();
    }

    @Override
    public String toString() {
        return text;
    }
}
