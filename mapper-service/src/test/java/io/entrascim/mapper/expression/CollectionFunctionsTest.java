package io.entrascim.mapper.expression;

import static io.entrascim.mapper.expression.Eval.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.entrascim.contracts.AppRoleAssignmentFact;

class CollectionFunctionsTest {
    private static final Map<String, Object> PROXIES = Map.of("proxyAddresses",
            List.of("SMTP:john@contoso.com", "smtp:jd@contoso.com", "smtp:jd@contoso.com"));

    @Test
    void countCountsValues() {
        assertThat(eval("Count([proxyAddresses])", PROXIES)).isEqualTo(3L);
        assertThat(eval("Count([missing])")).isEqualTo(0L);
        assertThat(eval("Count([mail])", Map.of("mail", "a@b"))).isEqualTo(1L);
    }

    @Test
    void itemIsOneBased() {
        assertThat(eval("Item([proxyAddresses], 1)", PROXIES)).isEqualTo("SMTP:john@contoso.com");
        assertThat(eval("Item([proxyAddresses], 4)", PROXIES)).isNull();
        assertThatThrownBy(() -> eval("Item([proxyAddresses], 0)", PROXIES)).hasMessageContaining("1-based");
    }

    @Test
    void joinExpandsMultiValuedSourcesAndSkipsEmpty() {
        assertThat(eval("Join(\", \", [givenName], [missing], \"\", [surname])", Map.of("givenName", "John", "surname", "Doe")))
                .isEqualTo("John, Doe");
        assertThat(eval("Join(\"|\", [proxyAddresses])", PROXIES))
                .isEqualTo("SMTP:john@contoso.com|smtp:jd@contoso.com|smtp:jd@contoso.com");
        assertThat(eval("Join(\"\", 1000, \"x\")")).isEqualTo("1000x");
    }

    @Test
    void removeDuplicatesKeepsFirstOccurrences() {
        assertThat(eval("RemoveDuplicates([proxyAddresses])", PROXIES)).isEqualTo(List.of("SMTP:john@contoso.com", "smtp:jd@contoso.com"));
    }

    @Test
    void splitMakesMultiValued() {
        assertThat(eval("Split(\"SplitMe1,SplitMe2,SplitMe3\", \",\")")).isEqualTo(List.of("SplitMe1", "SplitMe2", "SplitMe3"));
        assertThat(eval("Split([missing], \",\")")).isNull();
        assertThat(eval("Count(Split(\"a,,b\", \",\"))")).isEqualTo(3L);
    }

    @Test
    void singleAppRoleAssignmentAndComplexReadAssignments() {
        List<AppRoleAssignmentFact> roles = List.of(
                new AppRoleAssignmentFact("a0", "00000000-0000-0000-0000-000000000000", null, "Default Access", "u1", "User"),
                new AppRoleAssignmentFact("a1", "r1", "Admin", "Administrator", "u1", "User"),
                new AppRoleAssignmentFact("a2", "r2", "Reader", "Reader", "g1", "Group"));
        assertThat(Eval.result("SingleAppRoleAssignment([appRoleAssignments])", Map.of(), roles).value()).isEqualTo("Admin");
        assertThat(Eval.result("AppRoleAssignmentsComplex([appRoleAssignments])", Map.of(), roles).value())
                .isEqualTo(List.of(
                        Map.of("primary", false, "type", "WindowsAzureActiveDirectoryRole", "display", "Administrator", "value", "Admin"),
                        Map.of("primary", false, "type", "WindowsAzureActiveDirectoryRole", "display", "Reader", "value", "Reader")));
        assertThat(Eval.result("SingleAppRoleAssignment([appRoleAssignments])", Map.of(), List.of()).value()).isNull();
    }
}
