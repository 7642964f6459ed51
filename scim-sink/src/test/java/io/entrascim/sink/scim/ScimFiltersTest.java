package io.entrascim.sink.scim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScimFiltersTest {

    @Test
    void escapesQuotesAndBackslashesSoTheValueCannotCloseTheString() {
        assertThat(ScimFilters.eq("userName", "a\"b\\c")).isEqualTo("userName eq \"a\\\"b\\\\c\"");
        assertThat(ScimFilters.eq("userName", "x\" or userName pr or \"y"))
                .isEqualTo("userName eq \"x\\\" or userName pr or \\\"y\"");
        assertThat(ScimFilters.eq("userName", "tab\tnew\nline")).isEqualTo("userName eq \"tab\\tnew\\nline\"");
    }

    @Test
    void refusesAttributeNamesThatCarryFilterSyntax() {
        assertThatThrownBy(() -> ScimFilters.eq("userName pr or userName", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a plain SCIM attribute path");
        assertThat(ScimFilters.eq("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "1"))
                .startsWith("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq");
    }
}
