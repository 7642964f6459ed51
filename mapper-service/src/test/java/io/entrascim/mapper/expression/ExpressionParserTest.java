package io.entrascim.mapper.expression;

import static io.entrascim.mapper.expression.Eval.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ExpressionParserTest {

    @Test
    void implementsEveryFunctionOfTheReference() {
        assertThat(Expression.functionNames()).containsExactlyInAnyOrder("Append", "AppRoleAssignmentsComplex", "BitAnd",
                "CBool", "CDate", "Coalesce", "ConvertToBase64", "ConvertToUTF8Hex", "Count", "CStr", "DateAdd", "DateDiff",
                "DateFromNum", "FormatDateTime", "Guid", "IgnoreFlowIfNullOrEmpty", "IIF", "InStr", "IsNull", "IsNullOrEmpty",
                "IsPresent", "IsString", "Item", "Join", "Left", "Mid", "NormalizeDiacritics", "Not", "Now", "NumFromDate",
                "PCase", "RandomString", "Redact", "RemoveDuplicates", "Replace", "SelectUniqueValue",
                "SingleAppRoleAssignment", "Split", "StripSpaces", "Switch", "ToLower", "ToUpper", "Word");
    }

    @Test
    void readsAttributesConstantsAndNestedFunctions() {
        Expression e = Expression.parse("Append(ToLower([givenName]), \"@contoso.com\")");
        assertThat(e.attributes()).containsExactly("givenName");
        assertThat(eval(e.text(), Map.of("givenName", "John"))).isEqualTo("john@contoso.com");
        assertThat(Expression.parse("[userPrincipalName]").isDirectAttribute()).isTrue();
        assertThat(eval("\"constant\"")).isEqualTo("constant");
    }

    @Test
    void backslashEscapesQuoteAndBackslash() {
        assertThat(eval("\"Company name: \\\"Contoso\\\"\"")).isEqualTo("Company name: \"Contoso\"");
        assertThat(eval("\"a\\\\b\"")).isEqualTo("a\\b");
    }

    @Test
    void omittedArgumentsAreEmptyPositions() {
        assertThat(eval("Replace([mail], \"@contoso.com\", , ,\"\", ,)", Map.of("mail", "john.doe@contoso.com")))
                .isEqualTo("john.doe");
        assertThat(eval("Switch([IsSoftDeleted], , \"False\", \"True\", \"True\", \"False\")", Map.of("IsSoftDeleted", "Maybe")))
                .isNull();
    }

    @Test
    void functionNamesAreCaseSensitive() {
        assertThatThrownBy(() -> Expression.parse("toLower([x])"))
                .isInstanceOf(ExpressionParseException.class)
                .hasMessageContaining("unknown function 'toLower'")
                .hasMessageContaining("did you mean 'ToLower'")
                .extracting(e -> ((ExpressionParseException) e).column()).isEqualTo(1);
    }

    @Test
    void reportsOneBasedColumnOfTheProblem() {
        assertThat(column("Append([a], \"x\"")).isEqualTo(16);
        assertThat(column("Append([a] \"x\")")).isEqualTo(12);
        assertThat(column("Left([a, 1)")).isEqualTo(6);
        assertThat(column("ToLower(\"abc)")).isEqualTo(9);
        assertThat(column("Mid([a], 1)")).isEqualTo(1);
        assertThat(column("[a] extra")).isEqualTo(5);
        assertThat(column("Append([], \"x\")")).isEqualTo(8);
    }

    @Test
    void rejectsWrongArgumentCountsAtParseTime() {
        assertThatThrownBy(() -> Expression.parse("Left(\"abc\")")).hasMessageContaining("Left takes 2 arguments but got 1");
        assertThatThrownBy(() -> Expression.parse("Switch([a], \"d\", \"k\")")).hasMessageContaining("even number");
    }

    @Test
    void rejectsExpressionsLongerThanTenThousandCharacters() {
        String longConstant = "\"" + "x".repeat(10_000) + "\"";
        assertThatThrownBy(() -> Expression.parse(longConstant))
                .isInstanceOf(ExpressionParseException.class)
                .hasMessageContaining("at most 10000");
        String justFits = "\"" + "x".repeat(9_998) + "\"";
        assertThat(Expression.parse(justFits).text()).hasSize(10_000);
    }

    @Test
    void comparisonsYieldTrueOrFalseStrings() {
        assertThat(eval("CBool([a] = [b])", Map.of("a", "x", "b", "x"))).isEqualTo("True");
        assertThat(eval("CBool([a] <> [b])", Map.of("a", "x", "b", "x"))).isEqualTo("False");
        assertThat(eval("IIF([n] >= 10, \"big\", \"small\")", Map.of("n", 9))).isEqualTo("small");
        assertThat(eval("IIF([n] < 10, \"small\", \"big\")", Map.of("n", 9))).isEqualTo("small");
    }

    @Test
    void sourceBooleansAndNumbersEnterAsEntraValues() {
        assertThat(eval("[accountEnabled]", Map.of("accountEnabled", true))).isEqualTo("True");
        assertThat(eval("CStr([n])", Map.of("n", 42))).isEqualTo("42");
        assertThat(eval("CStr([n])", Map.of("n", 2.50))).isEqualTo("2.5");
        assertThat(eval("CStr([n])", Map.of("n", new java.math.BigInteger("123456789012345678901234567890"))))
                .isEqualTo("123456789012345678901234567890");
    }

    private static int column(String expression) {
        try {
            Expression.parse(expression);
        } catch (ExpressionParseException e) {
            return e.column();
        }
        throw new AssertionError("parsed: " + expression);
    }
}
