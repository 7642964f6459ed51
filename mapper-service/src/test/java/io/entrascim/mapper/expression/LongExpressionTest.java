package io.entrascim.mapper.expression;

import static io.entrascim.mapper.expression.Eval.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.entrascim.mapper.schema.SchemaException;
import io.entrascim.mapper.schema.SchemaLoader;

/** Hostile-data case of issue 8: expressions of up to 10,000 characters, wide and deep. */
class LongExpressionTest {
    private static final int SMALL_STACK = 512 * 1024;

    @Test
    void joinWithHundredsOfArgumentsUpToTenThousandCharacters() {
        StringBuilder sb = new StringBuilder("Join(\"-\"");
        Map<String, Object> source = new HashMap<>();
        StringBuilder expected = new StringBuilder();
        int i = 0;
        while (true) {
            String arg = i % 2 == 0 ? ", [a" + i + "]" : ", \"v" + i + "\"";
            if (sb.length() + arg.length() + 1 > ExpressionParser.MAX_LENGTH) {
                break;
            }
            sb.append(arg);
            source.put("a" + i, "x" + i);
            expected.append(expected.isEmpty() ? "" : "-").append(i % 2 == 0 ? "x" : "v").append(i);
            i++;
        }
        String text = sb.append(')').toString();
        assertThat(text.length()).isBetween(9_990, 10_000);
        assertThat(i).as("arguments").isGreaterThan(900);

        Expression e = Expression.parse(text);
        assertThat(e.attributes()).hasSize((i + 1) / 2);
        assertThat(eval(text, source)).isEqualTo(expected.toString());
    }

    @Test
    void aStringLiteralOfTenThousandCharacters() {
        String body = "\\\"é\uD83D\uDE00".repeat(1_999) + "abc"; // escaped quotes, a diacritic and an emoji (surrogate pair)
        String text = "\"" + body + "\"";
        assertThat(text.length()).isEqualTo(10_000);
        assertThat(eval(text)).isEqualTo("\"é\uD83D\uDE00".repeat(1_999) + "abc");
        assertThatThrownBy(() -> Expression.parse("\"" + body + "x\"")).isInstanceOf(ExpressionParseException.class)
                .hasMessageContaining("10001 characters long").hasMessageContaining("at most 10000");
    }

    @Test
    void twoHundredFiftyNestedCallsInTenThousandCharactersParseAndEvaluateOnHalfTheDefaultStack() throws Exception {
        int depth = ExpressionParser.MAX_DEPTH;
        String core = "\"" + "Ab ".repeat(2_400) + "\"";
        String text = "ToLower(StripSpaces(".repeat(depth / 2) + core + "))".repeat(depth / 2);
        assertThat(text.length()).isBetween(9_000, 10_000);

        Object value = onStack(SMALL_STACK, () -> eval(text));
        assertThat(value).isEqualTo("ab".repeat(2_400));
    }

    @Test
    void nestingBeyondTheLimitIsAParseErrorNamingColumnAndLimitNeverAStackOverflow() throws Exception {
        // 1,998 nested Not( calls in 9,996 characters: eight times the limit.
        String text = "Not(".repeat(1_998) + "\"True\"" + ")".repeat(1_998);
        assertThat(text.length()).isLessThanOrEqualTo(ExpressionParser.MAX_LENGTH);

        Object thrown = onStack(SMALL_STACK, () -> {
            try {
                return Expression.parse(text);
            } catch (ExpressionParseException e) {
                return e;
            }
        });
        assertThat(thrown).isInstanceOf(ExpressionParseException.class);
        ExpressionParseException e = (ExpressionParseException) thrown;
        assertThat(e.column()).as("the 251st call").isEqualTo(4 * ExpressionParser.MAX_DEPTH + 1);
        assertThat(e.getMessage()).isEqualTo("function calls nested more than 250 deep (the limit) at 'Not' at column 1001");

        String limit = "Not(".repeat(ExpressionParser.MAX_DEPTH) + "\"True\"" + ")".repeat(ExpressionParser.MAX_DEPTH);
        assertThat(onStack(SMALL_STACK, () -> eval(limit))).as("250 Nots of True").isEqualTo("True");
    }

    @Test
    void aTooDeepExpressionStopsMappingLoadWithItsJsonPath() {
        String deep = "Not(".repeat(600) + "[accountEnabled]" + ")".repeat(600);
        String yaml = "users:\n  mappings:\n    - {target: userName, source: \"[userPrincipalName]\", matching: 1}\n"
                + "    - {target: active, source: \"" + deep + "\"}\n";
        assertThatThrownBy(() -> SchemaLoader.parse(yaml, "x")).isInstanceOf(SchemaException.class)
                .hasMessageStartingWith("$.users.mappings[1]")
                .hasMessageContaining("invalid expression at column 1001: function calls nested more than 250 deep (the limit)");
    }

    /** Runs on a thread with a given stack size, so the test proves the margin rather than the JVM default. */
    private static Object onStack(long stackBytes, java.util.function.Supplier<Object> work) throws InterruptedException {
        AtomicReference<Object> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(work.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", stackBytes);
        t.start();
        t.join();
        if (failure.get() != null) {
            throw new AssertionError("failed on a " + stackBytes / 1024 + " KiB stack", failure.get());
        }
        return result.get();
    }
}
