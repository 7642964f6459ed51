package io.entrascim.audit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void roundTripsAtPostgresMicrosecondPrecision() {
        Cursor c = new Cursor(Instant.parse("2026-11-28T10:15:30.123456Z"), "id:with:colons");
        assertThat(Cursor.decode(c.encode())).isEqualTo(c);
    }

    @Test
    void rejectsTextItDidNotIssueNamingTheParameter() {
        assertThatThrownBy(() -> Cursor.decode("%%%")).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("cursor:");
        assertThatThrownBy(() -> Cursor.decode("bm9jb2xvbg")).hasMessageStartingWith("cursor:");
    }
}
