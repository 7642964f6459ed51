package io.entrascim.audit.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokensTest {

    private final BearerTokens tokens = new BearerTokens("reader-token-0123456789", "operator-token-0123456789");

    @Test
    void mapsTokensToRolesOperatorIncludingReader() {
        assertThat(tokens.authenticate("reader-token-0123456789")).contains(BearerTokens.READER);
        assertThat(tokens.authenticate("operator-token-0123456789")).hasValueSatisfying(
                p -> assertThat(p.roles()).containsExactly("READER", "OPERATOR"));
    }

    @Test
    void refusesAnythingElse() {
        assertThat(tokens.authenticate("reader-token-012345678")).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();
    }
}
