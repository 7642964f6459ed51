package io.entrascim.sink.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QuarantineRulesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Quarantine quarantine(List<String> events) {
        Quarantine q = new Quarantine(new Quarantine.Settings(true, 0.8, Duration.ofMinutes(5), 10, Duration.ofMinutes(2),
                List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30))));
        q.listener(new Quarantine.Listener() {
            @Override
            public void entered(Quarantine.Status s, boolean reasonChanged) {
                events.add((reasonChanged ? "changed " : "entered ") + s.reason().substring(0, s.reason().indexOf(':')));
            }

            @Override
            public void left(String why) {
                events.add("left");
            }
        });
        return q;
    }

    @Test
    void failureRatioOverTheWindowQuarantinesOnlyAfterTheMinimumCalls() {
        List<String> events = new ArrayList<>();
        Quarantine q = quarantine(events);
        q.call(200, T0);
        for (int i = 0; i < 8; i++) {
            q.call(500, T0.plusSeconds(i));
        }
        assertThat(q.active()).isFalse();
        q.call(400, T0.plusSeconds(9));
        assertThat(q.active()).isTrue();
        assertThat(q.status().reason()).startsWith("EncounteredEscrowProportionThreshold").contains("9 of the last 10");
        assertThat(q.status().nextAttempt()).isEqualTo(T0.plusSeconds(9).plus(Duration.ofMinutes(1)));
        assertThat(events).containsExactly("entered EncounteredEscrowProportionThreshold");
    }

    @Test
    void failedAttemptsFollowTheScheduleWhoseLastIntervalRepeatsAndCountOncePerAttempt() {
        Quarantine q = quarantine(new ArrayList<>());
        q.call(401, T0);
        assertThat(q.status().nextAttempt()).isEqualTo(T0.plusSeconds(60));
        q.call(401, T0.plusSeconds(1));        // before the attempt is due: not an attempt
        assertThat(q.status().seriesCount()).isZero();
        q.call(401, T0.plusSeconds(60));
        assertThat(q.status().seriesCount()).isEqualTo(1);
        assertThat(q.status().nextAttempt()).isEqualTo(T0.plusSeconds(60 + 300));
        q.call(503, T0.plusSeconds(360));
        q.call(-1, T0.plusSeconds(360 + 1800));
        assertThat(q.status().seriesCount()).isEqualTo(3);
        assertThat(q.status().nextAttempt()).isEqualTo(T0.plusSeconds(360 + 1800 + 1800));
        assertThat(q.status().since()).isEqualTo(T0);
    }

    @Test
    void credentialsAreATriggerRegardlessOfCountsAndAChangedReasonIsReportedOnce() {
        List<String> events = new ArrayList<>();
        Quarantine q = quarantine(events);
        q.unavailableSince(T0, T0.plusSeconds(60));
        assertThat(q.active()).isFalse();
        q.unavailableSince(T0, T0.plusSeconds(120));
        assertThat(q.status().reason()).startsWith("EncounteredSustainedOutage");
        q.call(403, T0.plusSeconds(121));
        q.call(403, T0.plusSeconds(122));
        assertThat(events).containsExactly("entered EncounteredSustainedOutage", "changed EncounteredQuarantineException");
    }

    @Test
    void firstSuccessOrAReleaseLeavesQuarantineAndWakesTheWaiter() throws Exception {
        List<String> events = new ArrayList<>();
        Quarantine q = quarantine(events);
        q.call(401, Instant.now());
        Thread waiter = new Thread(() -> {
            try {
                q.awaitAttempt();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        Thread.sleep(100);
        assertThat(waiter.isAlive()).isTrue();
        q.release();
        waiter.join(2000);
        assertThat(waiter.isAlive()).isFalse();
        q.call(401, Instant.now());
        q.call(201, Instant.now());
        assertThat(q.active()).isFalse();
        assertThat(events).containsExactly("entered EncounteredQuarantineException", "left",
                "entered EncounteredQuarantineException", "left");
    }
}
