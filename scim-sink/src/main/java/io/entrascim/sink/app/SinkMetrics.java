package io.entrascim.sink.app;

import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.sink.core.DeadLetterIndex;
import io.entrascim.sink.core.Outcome;
import io.entrascim.sink.core.ParkedManagers;
import io.entrascim.sink.core.ParkedMembers;
import io.entrascim.sink.core.PauseControl;
import io.entrascim.sink.core.Quarantine;
import io.entrascim.sink.core.SinkEvents;
import io.entrascim.sink.core.StagedDeletions;
import io.entrascim.sink.scim.ResilientScimClient;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Micrometer meters of the sink (Prometheus names in the README): results by action and status,
 * dead letters, staged deletions, circuit-breaker, quarantine and pause state. SCIM latency and
 * retries are recorded where the calls are made ({@code SinkConfiguration}).
 */
final class SinkMetrics implements SinkEvents {

    private final MeterRegistry registry;
    private final Counter deadLettered;
    private final Counter staged;

    SinkMetrics(MeterRegistry registry, ResilientScimClient scim, Quarantine quarantine, PauseControl pauses,
                StagedDeletions stagedDeletions, DeadLetterIndex deadLetters, ParkedMembers members, ParkedManagers managers) {
        this.registry = registry;
        this.deadLettered = Counter.builder("sink.dead.letters").description("commands dead-lettered by this instance")
                .register(registry);
        this.staged = Counter.builder("sink.deletions.staged").description("disables/deletes held by the deletion guard")
                .register(registry);
        Gauge.builder("sink.breaker.state", scim, s -> breakerState(s.breaker().getState()))
                .description("circuit breaker: 0 closed, 1 half-open, 2 open, 3 other").register(registry);
        Gauge.builder("sink.quarantine.active", quarantine, q -> q.active() ? 1 : 0)
                .description("1 while quarantined").register(registry);
        Gauge.builder("sink.quarantine.series", quarantine, q -> q.status() == null ? 0 : q.status().seriesCount())
                .description("failed attempts in the current quarantine").register(registry);
        Gauge.builder("sink.paused", pauses, p -> p.reasons().isEmpty() ? 0 : 1)
                .description("1 while the command binding is paused (operator, outage or quarantine)").register(registry);
        Gauge.builder("sink.deletions.held", stagedDeletions, StagedDeletions::count)
                .description("deletions currently held for an operator's decision").register(registry);
        Gauge.builder("sink.dead.letters.indexed", deadLetters, DeadLetterIndex::count)
                .description("dead-lettered commands in the replay index").register(registry);
        Gauge.builder("sink.escrows.parked", members, ParkedMembers::count).tag("kind", "member")
                .description("parked references waiting for a target id (escrows)").register(registry);
        Gauge.builder("sink.escrows.parked", managers, ParkedManagers::count).tag("kind", "manager")
                .description("parked references waiting for a target id (escrows)").register(registry);
    }

    private static double breakerState(CircuitBreaker.State s) {
        return switch (s) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
            default -> 3;
        };
    }

    private final java.util.Map<String, Counter> results = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void resultPublished(ProvisioningResult r) {
        results.computeIfAbsent(r.action().name() + '/' + r.status().name(),
                k -> registry.counter("sink.results", "action", r.action().name(), "status", r.status().name())).increment();
    }

    @Override
    public void deadLettered(ProvisioningCommand command, Outcome.Failure failure) {
        deadLettered.increment();
    }

    @Override
    public void staged(ProvisioningCommand command, String reason) {
        staged.increment();
    }
}
