package io.entrascim.mapper.expression;

import static io.entrascim.mapper.expression.Eval.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FlowFunctionsTest {

    @Test
    void guidIsARandomVersion4Uuid() {
        assertThat((String) eval("Guid()")).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void ignoreFlowIfNullOrEmptyDropsTheAttribute() {
        EvaluationResult dropped = Eval.result("IgnoreFlowIfNullOrEmpty([department])", Map.of("department", ""), List.of());
        assertThat(dropped.dropped()).isTrue();
        assertThat(dropped.value()).isNull();
        assertThat(Eval.result("IgnoreFlowIfNullOrEmpty([department])", Map.of(), List.of()).dropped()).isTrue();
        EvaluationResult kept = Eval.result("IgnoreFlowIfNullOrEmpty([department])", Map.of("department", "Sales"), List.of());
        assertThat(kept.dropped()).isFalse();
        assertThat(kept.value()).isEqualTo("Sales");
    }

    @Test
    void redactKeepsTheValueButMarksIt() {
        EvaluationResult r = Eval.result("Redact(\"StringToBeRedacted\")", Map.of(), List.of());
        assertThat(r.value()).isEqualTo("StringToBeRedacted");
        assertThat(r.redacted()).isTrue();
        assertThat(Eval.result("[a]", Map.of("a", "x"), List.of()).redacted()).isFalse();
    }

    @Test
    void randomStringHonoursMinimumsAndAvoidedCharacters() {
        String s = (String) eval("RandomString(12, 3, 2, 2, 2, \"0O1lI\")");
        assertThat(s).hasSize(12);
        assertThat(s.chars().filter(Character::isDigit).count()).isGreaterThanOrEqualTo(3);
        assertThat(s.chars().filter(Character::isUpperCase).count()).isGreaterThanOrEqualTo(2);
        assertThat(s.chars().filter(Character::isLowerCase).count()).isGreaterThanOrEqualTo(2);
        assertThat(s.chars().filter(ch -> !Character.isLetterOrDigit(ch)).count()).isGreaterThanOrEqualTo(2);
        assertThat(s).doesNotContainAnyWhitespaces().doesNotContain("0", "O", "1", "l", "I");
        assertThat((String) eval("RandomString(6, 3, 0, 0, 3)")).hasSize(6);
        assertThatThrownBy(() -> eval("RandomString(257, 0, 0, 0, 0)")).hasMessageContaining("256");
        assertThatThrownBy(() -> eval("RandomString(3, 2, 2, 0, 0)")).hasMessageContaining("more than Length");
    }

    @Test
    void selectUniqueValueTakesFirstNonEmptyUniqueCandidate() {
        String expr = "SelectUniqueValue(Join(\"@\", NormalizeDiacritics(StripSpaces([firstName])), \"contoso.com\"), "
                + "Join(\"@\", NormalizeDiacritics(StripSpaces(Mid([firstName], 1, 1))), \"contoso.com\"))";
        assertThat(eval(expr, Map.of("firstName", "Zoë Ann"))).isEqualTo("ZoeAnn@contoso.com");
        assertThatThrownBy(() -> Expression.parse("SelectUniqueValue(\"a\")")).hasMessageContaining("at least 2");
    }
}
