package io.entrascim.mapper.expression;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.entrascim.contracts.AppRoleAssignmentFact;

/** Test helper: evaluates an expression against attributes with a fixed clock and seeded random. */
final class Eval {
    static final Instant NOW = Instant.parse("2024-08-06T15:04:05Z");

    private Eval() {
    }

    static Object eval(String expression, Map<String, Object> attributes) {
        return result(expression, attributes, List.of()).value();
    }

    static Object eval(String expression) {
        return eval(expression, Map.of());
    }

    static EvaluationResult result(String expression, Map<String, Object> attributes, List<AppRoleAssignmentFact> roles) {
        EvaluationContext ctx = new EvaluationContext(attributes::get, roles, Clock.fixed(NOW, ZoneOffset.UTC),
                new Random(42), UniquenessCheck.ASSUME_UNIQUE);
        return Expression.parse(expression).evaluate(ctx);
    }
}
