package io.entrascim.audit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

import org.junit.jupiter.api.Test;
import org.springframework.scheduling.support.SimpleTriggerContext;

class PacedRefreshTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private final PacedRefresh pacing = new PacedRefresh(Duration.ofSeconds(10), InstantSource.fixed(T0));

    @Test
    void theFirstRefreshRunsAtOnce() {
        assertThat(pacing.nextExecution(new SimpleTriggerContext())).isEqualTo(T0);
    }

    @Test
    void aQuickRefreshIsFollowedByTheConfiguredInterval() {
        SimpleTriggerContext last = new SimpleTriggerContext(T0, T0, T0.plusMillis(140));
        assertThat(pacing.nextExecution(last)).isEqualTo(T0.plusMillis(140).plusSeconds(10));
    }

    @Test
    void aSlowRefreshWaitsTwentyTimesItsOwnDuration() {
        // a distinct count over a cycle of millions of results
        SimpleTriggerContext last = new SimpleTriggerContext(T0, T0, T0.plusMillis(1_200));
        assertThat(pacing.nextExecution(last)).isEqualTo(T0.plusMillis(1_200).plusSeconds(24));
        assertThat(pacing.delayAfter(Duration.ofMillis(500))).isEqualTo(Duration.ofSeconds(10));
        assertThat(pacing.delayAfter(Duration.ofMillis(501))).isEqualTo(Duration.ofMillis(10_020));
    }
}
