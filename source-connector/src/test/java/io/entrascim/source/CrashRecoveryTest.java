package io.entrascim.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrascim.contracts.ChangeEvent;
import io.entrascim.contracts.CycleMarker;
import io.entrascim.contracts.CycleOrigin;
import io.entrascim.contracts.ObjectType;
import io.entrascim.testkit.graph.DemoTenant;
import io.entrascim.testkit.graph.TenantSeed;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CrashRecoveryTest extends ConnectorTestBase {

    @Test
    void crashBetweenPagesThenRestartLosesNothingAndDuplicatesNothing() {
        try (DemoTenant tenant = DemoTenant.start(0, TenantSeed.empty().withUsers(47).withGroups(2)
                .withMemberships(10).withPageSize(10).withRandomSeed(201))) {
            String key = newKey();
            SyncEngine first = engine(props(tenant, SourceProperties.SyncScope.ALL, false, false, 2, key));
            // The two $count reads and three user pages succeed, then Graph fails longer than the engine retries:
            // the process "dies" there.
            tenant.failAfter(5, 100, 503, -1);
            SyncEngine.CycleReport crashed = first.runCycle();
            assertThat(crashed.outcome()).isEqualTo("FAILED");
            assertThat(crashed.pagesRead()).isEqualTo(3);
            tenant.clearFaults();

            // A new process: nothing in memory, only the checkpoint on Kafka.
            SyncEngine second = engine(props(tenant, SourceProperties.SyncScope.ALL, false, false, 2, key));
            SyncEngine.CycleReport resumed = second.runCycle();
            assertThat(resumed.outcome()).isEqualTo("COMPLETED");
            assertThat(resumed.cycleId()).isEqualTo(crashed.cycleId());
            assertThat(resumed.origin()).isEqualTo(CycleOrigin.INITIAL);

            List<ChangeEvent> events = changes(Set.of(resumed.cycleId()));
            Map<String, Long> perUser = events.stream().filter(e -> e.objectType() == ObjectType.USER)
                    .collect(Collectors.groupingBy(ChangeEvent::objectId, Collectors.counting()));
            assertThat(perUser).hasSize(47);
            assertThat(perUser.values()).allMatch(n -> n == 1L);
            assertThat(events.stream().map(ChangeEvent::eventId).collect(Collectors.toSet())).hasSize(events.size());
            assertThat(events.stream().filter(e -> e.objectType() == ObjectType.GROUP)
                    .map(ChangeEvent::objectId).distinct()).hasSize(2);

            List<CycleMarker> markers = markers(resumed.cycleId());
            assertThat(markers).extracting(CycleMarker::phase).contains(CycleMarker.Phase.STARTED,
                    CycleMarker.Phase.FAILED, CycleMarker.Phase.COMPLETED);
            assertThat(markers.get(markers.size() - 1).emittedEvents()).isEqualTo(events.size());

            // And the watermark survived too: the next cycle is incremental and quiet.
            SyncEngine third = engine(props(tenant, SourceProperties.SyncScope.ALL, false, false, 2, key));
            tenant.updateUser(perUser.keySet().iterator().next(), Map.of("jobTitle", "ignored: not selected"));
            SyncEngine.CycleReport next = third.runCycle();
            assertThat(next.origin()).isEqualTo(CycleOrigin.INCREMENTAL);
            assertThat(changes(Set.of(next.cycleId())).stream().map(ChangeEvent::objectId)
                    .collect(Collectors.toMap(Function.identity(), x -> 1, Integer::sum)).values()).allMatch(n -> n == 1);
        }
    }

    @Test
    void pauseStopsAtAPageBoundarySurvivesARestartAndResumeContinuesTheSameCycle() throws Exception {
        try (DemoTenant tenant = DemoTenant.start(0, TenantSeed.empty().withUsers(30).withPageSize(5).withRandomSeed(203))) {
            String key = newKey();
            SyncEngine engine = engine(props(tenant, SourceProperties.SyncScope.ALL, false, false, 3, key));
            // Request 4 (the read-ahead of page 2) is throttled for 1 s: the pause lands while the cycle waits there.
            tenant.failAfter(3, 1, 429, 1);
            java.util.concurrent.CompletableFuture<SyncEngine.CycleReport> running =
                    java.util.concurrent.CompletableFuture.supplyAsync(engine::runCycle);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (tenant.graphRequestCount() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(engine.pause()).as("persisted").isTrue();
            SyncEngine.CycleReport paused = running.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(paused.outcome()).isEqualTo("PAUSED");
            assertThat(paused.pagesRead()).isBetween(1L, 5L);
            assertThat(engine.runCycle()).as("no cycle while paused").isNull();

            // A restarted process: only Kafka remembers, and it still says paused.
            SyncEngine restarted = engine(props(tenant, SourceProperties.SyncScope.ALL, false, false, 3, key));
            assertThat(restarted.paused()).isTrue();
            long requests = tenant.graphRequestCount();
            assertThat(restarted.runCycle()).as("no cycle after a restart while paused").isNull();
            assertThat(tenant.graphRequestCount()).as("no Graph polling while paused").isEqualTo(requests);

            assertThat(restarted.resume()).isTrue();
            assertThat(engine(props(tenant, SourceProperties.SyncScope.ALL, false, false, 3, key)).paused())
                    .as("the resume is persisted too").isFalse();
            SyncEngine.CycleReport resumed = restarted.runCycle();
            assertThat(resumed.outcome()).isEqualTo("COMPLETED");
            assertThat(resumed.cycleId()).isEqualTo(paused.cycleId());
            Map<String, Long> perUser = changes(Set.of(resumed.cycleId())).stream()
                    .filter(e -> e.objectType() == ObjectType.USER)
                    .collect(Collectors.groupingBy(ChangeEvent::objectId, Collectors.counting()));
            assertThat(perUser).hasSize(30);
            assertThat(perUser.values()).allMatch(n -> n == 1L);
        }
    }

    @Test
    void throttlingWithRetryAfterAndServerErrorsAreRiddenOut() {
        try (DemoTenant tenant = DemoTenant.start(0, TenantSeed.empty().withUsers(12).withPageSize(5).withRandomSeed(202))) {
            SyncEngine engine = engine(props(tenant, SourceProperties.SyncScope.ALL, false, false, 4, newKey()));
            tenant.failAfter(1, 2, 429, 1);
            long t0 = System.nanoTime();
            SyncEngine.CycleReport r = engine.runCycle();
            long waitedMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.outcome()).isEqualTo("COMPLETED");
            assertThat(waitedMs).as("two Retry-After: 1 waits").isGreaterThanOrEqualTo(2000);
            tenant.failNextRequests(2, 500, -1);
            tenant.createUser("after.errors@demo.entrascim.io", "After Errors");
            SyncEngine.CycleReport r2 = engine.runCycle();
            assertThat(r2.outcome()).isEqualTo("COMPLETED");
            assertThat(changes(Set.of(r2.cycleId()))).extracting(e -> e.attributes().get("userPrincipalName"))
                    .contains("after.errors@demo.entrascim.io");
        }
    }
}
