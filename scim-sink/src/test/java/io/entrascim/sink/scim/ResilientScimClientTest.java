package io.entrascim.sink.scim;

import io.entrascim.testkit.scim.Fault;
import io.entrascim.testkit.scim.ScimTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Retry, Retry-After, budgets and the breaker against the real SCIM target; waits are recorded, not slept. */
class ResilientScimClientTest {

    static final ScimTarget TARGET = ScimTarget.start(0);
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    ResilientScimClient client;

    @BeforeEach
    void setUp() {
        TARGET.reset();
        waits.clear();
        JdkScimClient raw = new JdkScimClient(new ScimClientSettings(TARGET.baseUrl(), TARGET.token(), Duration.ofSeconds(2),
                Duration.ofSeconds(2), null, null, null));
        client = new ResilientScimClient(raw, new ResilienceSettings(3, 4, Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ofSeconds(60), 1000, 8, 10, 50f, Duration.ofSeconds(30)), waits::add);
    }

    @AfterAll
    static void stop() {
        TARGET.close();
    }

    @Test
    void waitsAtLeastRetryAfterOn429() {
        TARGET.faults().next(2, Fault.tooManyRequests(Duration.ofSeconds(7)));
        ScimResponse r = client.findEq(ResourceKind.USER, "userName", "nobody");
        assertThat(r.status()).isEqualTo(200);
        assertThat(waits).hasSize(2).allMatch(d -> d.compareTo(Duration.ofSeconds(7)) >= 0);
        assertThat(client.rate().currentLimit()).isLessThan(1000);
    }

    @Test
    void backsOffExponentiallyWithJitterOnServerErrors() {
        TARGET.faults().next(2, Fault.status(502));
        assertThat(client.findEq(ResourceKind.USER, "userName", "nobody").status()).isEqualTo(200);
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void givesUpWhenTheThrottlingBudgetIsSpent() {
        TARGET.faults().next(10, Fault.tooManyRequests(Duration.ofSeconds(1)));
        assertThatThrownBy(() -> client.findEq(ResourceKind.USER, "userName", "nobody"))
                .isInstanceOfSatisfying(RetriesExhaustedException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(5);
                    assertThat(((ScimHttpException) e.last()).status()).isEqualTo(429);
                });
    }

    @Test
    void doesNotRetryPermanentErrors() {
        TARGET.faults().next(1, Fault.status(400));
        assertThatThrownBy(() -> client.findEq(ResourceKind.USER, "userName", "nobody"))
                .isInstanceOfSatisfying(ScimHttpException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(waits).isEmpty();
    }

    @Test
    void opensTheBreakerWhenTheTargetIsDown() {
        TARGET.faults().during(Duration.ofSeconds(5), Fault.status(503));
        // 3 attempts per call, breaker judges after 5 calls: the second call runs into the open breaker.
        assertThatThrownBy(() -> client.findEq(ResourceKind.USER, "userName", "nobody"))
                .isInstanceOf(RetriesExhaustedException.class);
        assertThatThrownBy(() -> client.findEq(ResourceKind.USER, "userName", "nobody"))
                .isInstanceOf(TargetUnavailableException.class);
        assertThat(client.breaker().getState().name()).isEqualTo("OPEN");
    }

    @Test
    void errorBodyIsParsedAndTheTokenNeverAppears() {
        TARGET.faults().next(1, Fault.status(409).onlyFor("GET"));
        assertThatThrownBy(() -> client.findEq(ResourceKind.USER, "userName", "x"))
                .isInstanceOfSatisfying(ScimHttpException.class, e -> {
                    assertThat(e.error().scimType()).isEqualTo("uniqueness");
                    assertThat(e.error().detail()).isEqualTo("injected fault");
                    assertThat(e.getMessage()).doesNotContain(TARGET.token()).doesNotContain("filter");
                });
    }
}
