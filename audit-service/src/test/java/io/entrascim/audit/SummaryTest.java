package io.entrascim.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.entrascim.audit.store.CycleMarkerStore;
import io.entrascim.contracts.CycleMarker;
import io.entrascim.contracts.CycleOrigin;
import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Counts by action and status, cycle progress from markers, last successful cycle, failures by error code. */
class SummaryTest extends AuditServiceTestBase {

    @Autowired
    CycleMarkerStore markers;

    @Test
    void countsByActionAndStatusPerCycleAndTimeWindow() {
        String job = "job-summary-" + UUID.randomUUID();
        String cycle = "cyc-sum-" + job;
        Instant t = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        store(Results.success("s1-" + job, job, cycle, "c1", t, ProvisioningAction.CREATE, "o1", "a@x.test"),
                Results.success("s2-" + job, job, cycle, "c2", t.plusSeconds(60), ProvisioningAction.CREATE, "o2", "b@x.test"),
                Results.success("s3-" + job, job, cycle, "c3", t.plus(1, ChronoUnit.HOURS), ProvisioningAction.UPDATE, "o3", "c@x.test"),
                Results.failure("f1-" + job, job, cycle, "c4", t.plus(1, ChronoUnit.HOURS), "o4", "d@x.test", "Conflict"));

        JsonNode counts = getJson("/api/summary?cycleId=" + cycle);
        assertThat(counts.path("total").asLong()).isEqualTo(4);
        assertThat(counts.path("byStatus").path("SUCCESS").asLong()).isEqualTo(3);
        assertThat(counts.path("byStatus").path("FAILURE").asLong()).isEqualTo(1);
        assertThat(counts.path("byAction").path("CREATE").asLong()).isEqualTo(3);
        assertThat(counts.path("byActionAndStatus").toString()).contains("{\"action\":\"CREATE\",\"status\":\"FAILURE\",\"count\":1}");

        JsonNode window = getJson("/api/summary?jobId=" + job + "&from=" + t + "&to=" + t.plus(1, ChronoUnit.HOURS));
        assertThat(window.path("total").asLong()).isEqualTo(2);

        JsonNode timeline = getJson("/api/summary/timeline?bucket=PT1H&jobId=" + job + "&from=" + t.minusSeconds(1));
        assertThat(timeline.toString())
                .contains("{\"start\":\"" + t + "\",\"action\":\"CREATE\",\"status\":\"SUCCESS\",\"count\":2}")
                .contains("{\"start\":\"" + t.plus(1, ChronoUnit.HOURS) + "\",\"action\":\"UPDATE\",\"status\":\"SUCCESS\",\"count\":1}");
    }

    @Test
    void failuresGroupedByErrorCodeWithNewestExamples() {
        String job = "job-failures-" + UUID.randomUUID();
        Instant t = Instant.now().minus(5, ChronoUnit.HOURS);
        for (int i = 0; i < 5; i++) {
            store(Results.failure("to-" + i + job, job, "cyc", "c-to-" + i, t.plusSeconds(i), "o" + i, "u" + i + "@x.test", "Timeout"));
        }
        store(Results.failure("cf-" + job, job, "cyc", "c-cf", t, "oc", "conf@x.test", "Conflict"));

        JsonNode groups = getJson("/api/summary/failures?examples=2&jobId=" + job);
        assertThat(groups.size()).isEqualTo(2);
        assertThat(groups.get(0).path("errorCode").asString()).isEqualTo("Timeout");
        assertThat(groups.get(0).path("count").asLong()).isEqualTo(5);
        assertThat(groups.get(0).path("examples").size()).isEqualTo(2);
        assertThat(groups.get(0).path("examples").get(0).path("id").asString()).isEqualTo("to-4" + job);
        assertThat(groups.get(0).path("examples").get(0).path("reason").asString()).contains("HTTP 500");
        assertThat(groups.get(1).path("errorCode").asString()).isEqualTo("Conflict");
        assertThat(groups.get(1).path("count").asLong()).isEqualTo(1);
    }

    @Test
    void currentCycleProgressAndLastSuccessfulCycle() {
        String job = "job-cycles-" + UUID.randomUUID();
        // later than any marker other tests write, so these are "current" and "last successful"
        Instant t = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        String done = "cyc-done-" + job;
        String running = "cyc-running-" + job;
        markers.insert(List.of(
                new CycleMarker(CycleMarker.VERSION, done, CycleOrigin.INITIAL, CycleMarker.Phase.STARTED, t, -1, 0, 0, null),
                new CycleMarker(CycleMarker.VERSION, done, CycleOrigin.INITIAL, CycleMarker.Phase.COMPLETED, t.plusSeconds(20), 2, 2, 1, null),
                new CycleMarker(CycleMarker.VERSION, running, CycleOrigin.INCREMENTAL, CycleMarker.Phase.STARTED, t.plusSeconds(30), -1, 0, 0, null),
                new CycleMarker(CycleMarker.VERSION, running, CycleOrigin.INCREMENTAL, CycleMarker.Phase.PROGRESS, t.plusSeconds(40), 4, 3, 2, null)));
        store(Results.success("d1-" + job, job, done, "d1", t.plusSeconds(5), ProvisioningAction.CREATE, "o1", "a@x.test"),
                Results.success("d2-" + job, job, done, "d2", t.plusSeconds(6), ProvisioningAction.CREATE, "o2", "b@x.test"),
                Results.success("r1-" + job, job, running, "r1", t.plusSeconds(35), ProvisioningAction.UPDATE, "o1", "a@x.test"),
                // two results of one object count once in "processed"
                Results.failure("r1b-" + job, job, running, "r1", t.plusSeconds(36), "o1", "a@x.test", "Timeout"));

        JsonNode body = getJson("/api/cycles/current");
        JsonNode current = body.path("current");
        assertThat(current.path("cycleId").asString()).isEqualTo(running);
        assertThat(current.path("phase").asString()).isEqualTo("PROGRESS");
        assertThat(current.path("expectedObjects").asLong()).isEqualTo(4);
        assertThat(current.path("processedObjects").asLong()).isEqualTo(1);
        assertThat(current.path("percentComplete").asDouble()).isEqualTo(25.0);
        assertThat(current.path("startedAt").asString()).isEqualTo(t.plusSeconds(30).toString());
        assertThat(current.path("counts").path("total").asLong()).isEqualTo(2);
        JsonNode last = body.path("lastSuccessful");
        assertThat(last.path("cycleId").asString()).isEqualTo(done);
        assertThat(last.path("completedAt").asString()).isEqualTo(t.plusSeconds(20).toString());
        assertThat(last.path("percentComplete").asDouble()).isEqualTo(100.0);

        assertThat(getJson("/api/cycles/" + done).path("processedObjects").asLong()).isEqualTo(2);
        assertThat(getJson("/api/cycles?limit=5").get(0).path("cycleId").asString()).isEqualTo(running);
    }
}
