package io.entrascim.sink.scim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AdaptiveRateLimitTest {

    @Test
    void halvesOnThrottlingAndClimbsBackWhenCalm() throws Exception {
        AdaptiveRateLimit rate = new AdaptiveRateLimit(25);
        assertThat(rate.currentLimit()).isEqualTo(25);
        rate.throttled();
        assertThat(rate.currentLimit()).isEqualTo(12);
        rate.throttled();
        assertThat(rate.currentLimit()).as("at most one cut per second").isEqualTo(12);
        rate.succeeded();
        assertThat(rate.currentLimit()).as("no climb within a second of a 429").isEqualTo(12);
        Thread.sleep(1100);
        rate.succeeded();
        assertThat(rate.currentLimit()).isEqualTo(14);
        for (int i = 0; i < 10; i++) {
            Thread.sleep(1010);
            rate.succeeded();
        }
        assertThat(rate.currentLimit()).as("never above the ceiling").isEqualTo(25);
    }
}
