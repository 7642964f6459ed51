package io.entrascim.mapper.expression;

import static io.entrascim.mapper.expression.Eval.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StringFunctionsTest {

    @Test
    void appendAddsSuffix() {
        assertThat(eval("Append([mail], \"@contoso.com\")", Map.of("mail", "john"))).isEqualTo("john@contoso.com");
        assertThat(eval("Append([missing], \"@contoso.com\")")).isNull();
    }

    @Test
    void convertToBase64UsesUtf16LittleEndian() {
        assertThat(eval("ConvertToBase64(\"Hello world!\")")).isEqualTo("SABlAGwAbABvACAAdwBvAHIAbABkACEA");
    }

    @Test
    void convertToUtf8HexIsUpperCaseHex() {
        assertThat(eval("ConvertToUTF8Hex(\"Hello world!\")")).isEqualTo("48656C6C6F20776F726C6421");
    }

    @Test
    void cstrTurnsValuesIntoStrings() {
        assertThat(eval("CStr(123)")).isEqualTo("123");
        assertThat(eval("CStr([missing])")).isNull();
    }

    @Test
    void inStrFindsOneBasedPosition() {
        assertThat(eval("InStr(\"The quick brown fox\",\"quick\")")).isEqualTo(5L);
        assertThat(eval("InStr(\"repEated\",\"e\",3,vbBinaryCompare)")).isEqualTo(7L);
        assertThat(eval("InStr(\"repEated\",\"e\",3,vbTextCompare)")).isEqualTo(4L);
        assertThat(eval("InStr(\"abc\",\"z\")")).isEqualTo(0L);
        assertThat(eval("InStr(\"abc\",\"a\",9)")).isEqualTo(0L);
        assertThatThrownBy(() -> eval("InStr(\"abc\",\"a\",1,vbWhatever)")).hasMessageContaining("compareType");
    }

    @Test
    void leftFollowsDocumentedEdgeCases() {
        assertThat(eval("Left(\"John Doe\", 3)")).isEqualTo("Joh");
        assertThat(eval("Left(\"John Doe\", 0)")).isEqualTo("");
        assertThat(eval("Left(\"John Doe\", -1)")).isEqualTo("John Doe");
        assertThat(eval("Left(\"Jo\", 5)")).isEqualTo("Jo");
        assertThat(eval("Left([missing], 5)")).isEqualTo("");
    }

    @Test
    void midIsOneBasedAndStopsAtTheEnd() {
        assertThat(eval("Mid([userPrincipalName], 1, 8)", Map.of("userPrincipalName", "johndoe@contoso.com"))).isEqualTo("johndoe@");
        assertThat(eval("Mid(\"John Doe\", 6, 10)")).isEqualTo("Doe");
        assertThat(eval("Mid(\"John\", 9, 2)")).isEqualTo("");
        assertThatThrownBy(() -> eval("Mid(\"John\", 0, 2)")).hasMessageContaining("1-based");
        assertThat(eval("Mid([missing], [alsoMissing], 2)")).as("null source short-circuits").isNull();
    }

    @Test
    void normalizeDiacriticsFoldsLetters() {
        assertThat(eval("NormalizeDiacritics(\"Zoë\")")).isEqualTo("Zoe");
        assertThat(eval("NormalizeDiacritics(\"Ærøskøbing Łódź Straße\")")).isEqualTo("AEroeskoebing Lodz Strasse");
        assertThat(eval("NormalizeDiacritics(\"plain\")")).isEqualTo("plain");
    }

    @Test
    void pcaseCapitalisesWords() {
        assertThat(eval("PCase(\"NORMA ABEL\")")).isEqualTo("Norma Abel");
        assertThat(eval("PCase(\"ABEL_NORMA\", \"_\")")).isEqualTo("Abel_Norma");
        assertThat(eval("PCase(\"o'neil-smith\")")).isEqualTo("O'neil-Smith");
        assertThat(eval("PCase(\"jean-luc picard\", \" \")")).isEqualTo("Jean-luc Picard");
    }

    @Test
    void replaceOldValueWithReplacementValue() {
        assertThat(eval("Replace([mail], \"@contoso.com\", , ,\"\", ,)", Map.of("mail", "john.doe@contoso.com"))).isEqualTo("john.doe");
        assertThat(eval("Replace(\"aXbXc\", \"X\", , , \"-\", , )")).isEqualTo("a-b-c");
        assertThat(eval("Replace(\"aXbXc\", \"x\", , , \"-\", , )")).as("case-sensitive").isEqualTo("aXbXc");
    }

    @Test
    void replaceOldValueInTemplate() {
        assertThat(eval("Replace([mailNickname], \"<name>\", , , , , \"<name>@contoso.com\")", Map.of("mailNickname", "jdoe")))
                .isEqualTo("jdoe@contoso.com");
    }

    @Test
    void replaceRegexPatternWithReplacementValue() {
        assertThat(eval("Replace([mailNickname], , \"[a-zA-Z_]*\", , \"\", , )", Map.of("mailNickname", "john_doe72"))).isEqualTo("72");
        assertThat(eval("Replace([telephoneNumber], , \"\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>.*)\", , \"(${isdCode}) ${phoneNumber}\", , )",
                Map.of("telephoneNumber", "+1 206 555 1212"))).isEqualTo("(1 ) 206 555 1212");
    }

    @Test
    void replaceRegexGroupWithReplacementValue() {
        assertThat(eval("Replace([userPrincipalName], , \"(?<Suffix>@(.)*)\", \"Suffix\", \"@contoso.com\", , )",
                Map.of("userPrincipalName", "jdoe@fabrikam.com"))).isEqualTo("jdoe@contoso.com");
    }

    @Test
    void replaceRegexGroupFromReplacementAttributeWhenSourceIsEmpty() {
        String expr = "Replace([extensionAttribute1], , \"(?<name>.*)@.*\", \"name\", , [userPrincipalName], )";
        assertThat(eval(expr, Map.of("userPrincipalName", "jdoe@contoso.com"))).isEqualTo("jdoe");
        assertThat(eval(expr, Map.of("extensionAttribute1", "kept", "userPrincipalName", "jdoe@contoso.com"))).isEqualTo("kept");
    }

    @Test
    void stripSpacesRemovesSpaces() {
        assertThat(eval("StripSpaces(\"John Doe\")")).isEqualTo("JohnDoe");
        assertThat(eval("StripSpaces([missing])")).isNull();
    }

    @Test
    void toLowerAndToUpperWithOptionalCulture() {
        assertThat(eval("ToLower(\"JOHN DOE\")")).isEqualTo("john doe");
        assertThat(eval("ToUpper(\"john doe\")")).isEqualTo("JOHN DOE");
        assertThat(eval("ToUpper(\"istanbul\", \"tr-TR\")")).isEqualTo("İSTANBUL");
        assertThat(eval("ToLower([proxyAddresses])", Map.of("proxyAddresses", List.of("SMTP:A@X.COM", "smtp:B@X.COM"))))
                .isEqualTo(List.of("smtp:a@x.com", "smtp:b@x.com"));
    }

    @Test
    void wordReturnsTheNthWord() {
        assertThat(eval("Word(\"The quick brown fox\",3,\" \")")).isEqualTo("brown");
        assertThat(eval("Word(\"This,string!has&many separators\",3,\",!&#\")")).isEqualTo("has");
        assertThat(eval("Word(\"one two\",0,\" \")")).isEqualTo("");
        assertThat(eval("Word(\"one two\",3,\" \")")).isEqualTo("");
        assertThat(eval("Word([missing],1,\" \")")).isEqualTo("");
    }
}
