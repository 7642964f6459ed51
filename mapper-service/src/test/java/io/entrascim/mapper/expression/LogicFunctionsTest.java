package io.entrascim.mapper.expression;

import static io.entrascim.mapper.expression.Eval.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LogicFunctionsTest {

    @Test
    void bitAndOfHexLiterals() {
        assertThat(eval("BitAnd(&HF, &HF7)")).isEqualTo(7L);
        assertThat(eval("BitAnd([userAccountControl], 2)", Map.of("userAccountControl", 514))).isEqualTo(2L);
    }

    @Test
    void cboolOfComparisonAndNumbers() {
        assertThat(eval("CBool([attribute1] = [attribute2])", Map.of("attribute1", "a", "attribute2", "a"))).isEqualTo("True");
        assertThat(eval("CBool(0)")).isEqualTo("False");
        assertThat(eval("CBool(5)")).isEqualTo("True");
        assertThatThrownBy(() -> eval("CBool(\"maybe\")")).hasMessageContaining("CBool");
    }

    @Test
    void coalesceReturnsFirstNonNullThenDefault() {
        assertThat(eval("Coalesce([mail], [userPrincipalName])", Map.of("userPrincipalName", "u@x"))).isEqualTo("u@x");
        assertThat(eval("Coalesce([mail], [other], \"\")")).isEqualTo("");
        assertThat(eval("Coalesce([mail], [other])")).isNull();
        assertThat(eval("Coalesce([mail], \"fallback\")", Map.of("mail", "m@x"))).isEqualTo("m@x");
    }

    @Test
    void iifPicksByCondition() {
        assertThat(eval("IIF([country]=\"USA\",[country],[department])", Map.of("country", "USA", "department", "Sales"))).isEqualTo("USA");
        assertThat(eval("IIF([country]=\"USA\",[country],[department])", Map.of("country", "FR", "department", "Sales"))).isEqualTo("Sales");
        assertThat(eval("IIF([country]=\"\",\"empty\",\"not\")")).as("null operand fails the condition").isEqualTo("not");
    }

    @Test
    void isNullIsNullOrEmptyIsPresentIsString() {
        Map<String, Object> a = Map.of("empty", "", "name", "x", "n", 3);
        assertThat(eval("IsNull([missing])", a)).isEqualTo("True");
        assertThat(eval("IsNull([empty])", a)).isEqualTo("False");
        assertThat(eval("IsNullOrEmpty([empty])", a)).isEqualTo("True");
        assertThat(eval("IsNullOrEmpty([name])", a)).isEqualTo("False");
        assertThat(eval("IsPresent([name])", a)).isEqualTo("True");
        assertThat(eval("IsPresent([empty])", a)).isEqualTo("False");
        assertThat(eval("IsString([name])", a)).isEqualTo("True");
        assertThat(eval("IsString([n])", a)).isEqualTo("False");
        assertThat(eval("IsString([missing])", a)).isEqualTo("False");
        assertThat(eval("IsNull([list])", Map.of("list", List.of()))).isEqualTo("True");
    }

    @Test
    void notFlipsTrue() {
        assertThat(eval("Not([accountEnabled])", Map.of("accountEnabled", true))).isEqualTo("False");
        assertThat(eval("Not([accountEnabled])", Map.of("accountEnabled", false))).isEqualTo("True");
        assertThat(eval("Not(\"true\")")).isEqualTo("False");
        assertThat(eval("Not([missing])")).isEqualTo("True");
    }

    @Test
    void switchMatchesKeysCaseSensitivelyWithDefault() {
        String expr = "Switch([state], \"Australia/Sydney\", \"NSW\", \"Australia/Sydney\",\"QLD\", \"Australia/Brisbane\", \"SA\", \"Australia/Adelaide\")";
        assertThat(eval(expr, Map.of("state", "QLD"))).isEqualTo("Australia/Brisbane");
        assertThat(eval(expr, Map.of("state", "qld"))).isEqualTo("Australia/Sydney");
        assertThat(eval(expr, Map.of("state", "WA"))).isEqualTo("Australia/Sydney");
    }

    @Test
    void switchOnNullSourceMatchesTheEmptyKey() {
        assertThat(eval("Switch([department], [department], \"\", \"Unassigned\")")).isEqualTo("Unassigned");
        assertThat(eval("Switch([department], [department], \"\", \"Unassigned\")", Map.of("department", "Sales"))).isEqualTo("Sales");
    }

    @Test
    void defaultActiveMappingInvertsIsSoftDeleted() {
        String active = "Switch([IsSoftDeleted], , \"False\", \"True\", \"True\", \"False\")";
        assertThat(eval(active, Map.of("IsSoftDeleted", false))).isEqualTo("True");
        assertThat(eval(active, Map.of("IsSoftDeleted", true))).isEqualTo("False");
    }
}
