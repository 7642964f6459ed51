package io.entrascim.sink.core;

import io.entrascim.sink.scim.JdkScimClient;
import io.entrascim.sink.scim.ScimClientSettings;
import io.entrascim.testkit.scim.Fault;
import io.entrascim.testkit.scim.ScimTarget;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The readiness verdict against a real SCIM target over HTTP: up, 401, 403, 5xx, unreachable, and the cache. */
class TargetReachabilityTest {

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-28T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static TargetReachability reachability(String baseUrl, String token, Clock clock) {
        JdkScimClient client = new JdkScimClient(new ScimClientSettings(baseUrl, token, Duration.ofSeconds(2),
                Duration.ofSeconds(2), null, null, "PKCS12"));
        return new TargetReachability(new ConnectionTester(client, baseUrl, token), Duration.ofSeconds(20), clock);
    }

    @Test
    void targetIsAskedAtMostOncePerIntervalAndServerErrorsAndForbiddenAreNamed() {
        try (ScimTarget target = ScimTarget.start(0)) {
            MovableClock clock = new MovableClock();
            TargetReachability r = reachability(target.baseUrl(), target.token(), clock);
            assertThat(r.current().up()).isTrue();
            assertThat(r.current().reason()).isEqualTo("reachable");
            target.clearRequests();
            for (int i = 0; i < 10; i++) {
                r.current();
            }
            assertThat(target.requests()).as("health calls within the interval reuse the verdict").isEmpty();

            target.faults().next(1, Fault.status(503));
            clock.advance(Duration.ofSeconds(20));
            TargetReachability.Verdict down = r.current();
            assertThat(down.up()).isFalse();
            assertThat(down.reason()).isEqualTo("server-error");
            assertThat(down.httpStatus()).isEqualTo(503);
            assertThat(target.requests()).hasSize(1);

            target.faults().next(1, Fault.status(403));
            clock.advance(Duration.ofSeconds(21));
            assertThat(r.current().reason()).isEqualTo("forbidden");

            target.faults().next(1, Fault.tooManyRequests(Duration.ofSeconds(1)));
            clock.advance(Duration.ofSeconds(21));
            assertThat(r.current().up()).as("a throttling target is alive").isTrue();
            assertThat(r.current().reason()).isEqualTo("throttling");

            clock.advance(Duration.ofSeconds(21));
            assertThat(r.current().up()).isTrue();
        }
    }

    @Test
    void rejectedTokenIsUnauthorizedWithoutTheTokenInTheVerdict() {
        try (ScimTarget target = ScimTarget.start(0)) {
            String wrong = ScimTarget.newToken();
            TargetReachability.Verdict v = reachability(target.baseUrl(), wrong, new MovableClock()).current();
            assertThat(v.up()).isFalse();
            assertThat(v.reason()).isEqualTo("unauthorized");
            assertThat(v.httpStatus()).isEqualTo(401);
            assertThat(v.toString()).doesNotContain(wrong).doesNotContain(target.token());
        }
    }

    @Test
    void closedPortIsUnreachable() {
        ScimTarget gone = ScimTarget.start(0);
        String baseUrl = gone.baseUrl();
        gone.close();
        TargetReachability.Verdict v = reachability(baseUrl, ScimTarget.newToken(), new MovableClock()).current();
        assertThat(v.up()).isFalse();
        assertThat(v.reason()).isEqualTo("unreachable");
        assertThat(v.httpStatus()).isNull();
        assertThat(v.message()).contains(baseUrl);
    }
}
