package io.entrascim.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrascim.testkit.graph.DemoTenant;
import io.entrascim.testkit.graph.TenantSeed;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CycleProgressMetricsTest extends ConnectorTestBase {

    @Test
    void theInitialCycleShowsItsProgressAgainstTheExpectedCountThenItsCompletion() throws Exception {
        try (DemoTenant tenant = DemoTenant.start(0, TenantSeed.empty().withUsers(30).withPageSize(5).withRandomSeed(204))) {
            SyncEngine engine = engine(props(tenant, SourceProperties.SyncScope.ALL, false, false, 3, newKey()));
            MeterRegistry registry = new SimpleMeterRegistry();
            new SourceMetrics(registry, engine);
            assertThat(gauge(registry, "source.cycle.last.completed")).as("none yet").isZero();

            // Request 4 is throttled for 1 s, so the cycle is observably under way.
            tenant.failAfter(3, 1, 429, 1);
            CompletableFuture<SyncEngine.CycleReport> running = CompletableFuture.supplyAsync(engine::runCycle);
            double maxSeen = 0;
            double expectedSeen = -1;
            while (!running.isDone()) {
                double v = registry.get("source.cycle.objects").tag("kind", "initial").gauge().value();
                if (v > maxSeen) {
                    maxSeen = v;
                    expectedSeen = gauge(registry, "source.cycle.expected");
                }
                assertThat(registry.get("source.cycle.objects").tag("kind", "incremental").gauge().value()).isZero();
                Thread.sleep(5);
            }
            SyncEngine.CycleReport done = running.get(30, TimeUnit.SECONDS);
            assertThat(done.outcome()).isEqualTo("COMPLETED");
            assertThat(maxSeen).as("progress seen while running").isBetween(1.0, 30.0);
            assertThat(expectedSeen).as("users counted at the start").isEqualTo(30.0);

            assertThat(registry.get("source.cycle.objects").tag("kind", "initial").gauge().value()).as("no cycle runs").isZero();
            assertThat(gauge(registry, "source.cycle.last.completed")).isEqualTo((double) done.finishedAt().getEpochSecond());
            assertThat(gauge(registry, "source.cycle.last.duration")).isEqualTo(done.duration().toNanos() / 1e9)
                    .isGreaterThanOrEqualTo(1.0);
        }
    }

    private static double gauge(MeterRegistry registry, String name) {
        return registry.get(name).gauge().value();
    }
}
