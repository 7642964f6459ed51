package io.entrascim.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import io.entrascim.contracts.CycleMarker;
import io.entrascim.contracts.CycleOrigin;
import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.Topics;
import org.junit.jupiter.api.Test;

/** What Prometheus scrapes: records in and out per topic, results by service/action/status, cycle progress. */
class PipelineMetricsTest extends AuditServiceTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Map<String, String> RESULTS_IN = Map.of("topic", Topics.RESULTS, "direction", "in");
    private static final Map<String, String> RESULTS_OUT = Map.of("topic", Topics.RESULTS, "direction", "out");
    private static final Map<String, String> RESULTS_DLT_OUT = Map.of("topic", "provisioning.results.v1.dlt", "direction", "out");
    private static final Map<String, String> CYCLES_IN = Map.of("topic", Topics.CYCLES, "direction", "in");
    private static final Map<String, String> SINK_CREATE_SUCCESS = Map.of("service", "scim-sink", "action", "create",
            "status", "success");
    private static final Map<String, String> AUDIT_FAILURES = Map.of("service", "audit-service", "action", "other",
            "status", "failure");

    @Test
    void countsRecordsPerTopicAndDirectionAndResultsByServiceActionAndStatus() {
        String before = scrape();
        String job = "job-metrics-" + UUID.randomUUID();
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        for (int i = 0; i < 3; i++) {
            ProvisioningResult r = Results.success(UUID.randomUUID().toString(), job, "cyc-m", "chg-m-" + i, at,
                    ProvisioningAction.CREATE, "obj-m-" + i, "m" + i + "@contoso.test");
            publish(Topics.RESULTS, "obj-m-" + i, RecordCodec.write(r));
        }
        publish(Topics.RESULTS, "obj-m-bad-" + job, "{not a result".getBytes(StandardCharsets.UTF_8));

        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from provisioning_result where job_id = ? or source_id = ?", Long.class, job,
                "obj-m-bad-" + job) == 4);
        // the malformed record's own FAILURE result comes back in on provisioning.results.v1: 3 + 1 + 1 records in
        await().atMost(WAIT).until(() -> delta(before, scrape(), "pipeline_records_total", RESULTS_IN) >= 5);
        String after = scrape();
        // at least: records of earlier tests may still be arriving in the shared context
        assertThat(delta(before, after, "pipeline_records_total", RESULTS_DLT_OUT)).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "pipeline_records_total", RESULTS_OUT)).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "pipeline_results_ingested_total", SINK_CREATE_SUCCESS)).isGreaterThanOrEqualTo(3);
        // stored directly when parked, and once more when its copy comes back from the topic
        await().atMost(WAIT).until(() -> delta(before, scrape(), "pipeline_results_ingested_total", AUDIT_FAILURES) >= 2);
    }

    @Test
    void exportsTheCurrentCyclesProgressFromItsMarkersAndResults() {
        String cycle = "cyc-metrics-" + UUID.randomUUID();
        String job = "job-cycle-metrics-" + UUID.randomUUID();
        // far later than any other test's marker, so this cycle is the current one; removed again at the end
        Instant t = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        String before = scrape();
        try {
            publish(Topics.CYCLES, cycle, RecordCodec.write(new CycleMarker(CycleMarker.VERSION, cycle, CycleOrigin.INITIAL,
                    CycleMarker.Phase.STARTED, t, -1, 0, 0, null)));
            publish(Topics.CYCLES, cycle, RecordCodec.write(new CycleMarker(CycleMarker.VERSION, cycle, CycleOrigin.INITIAL,
                    CycleMarker.Phase.PROGRESS, t.plusSeconds(10), 4, 4, 1, null)));
            for (int i = 0; i < 2; i++) {
                publish(Topics.RESULTS, "obj-c-" + i, RecordCodec.write(Results.success(UUID.randomUUID().toString(), job,
                        cycle, "chg-c-" + i, t.plusSeconds(5), ProvisioningAction.CREATE, "obj-c-" + i, "c" + i + "@contoso.test")));
            }

            await().atMost(WAIT).until(() -> sample(scrape(), "pipeline_cycle_progress", Map.of()) == 0.5);
            String after = scrape();
            assertThat(sample(after, "pipeline_cycle_objects_processed", Map.of())).isEqualTo(2.0);
            assertThat(sample(after, "pipeline_cycle_objects_expected", Map.of())).isEqualTo(4.0);
            assertThat(delta(before, after, "pipeline_records_total", CYCLES_IN)).isGreaterThanOrEqualTo(2);
        } finally {
            jdbc.update("delete from cycle_marker where cycle_id = ?", cycle);
        }
    }

    private static double delta(String before, String after, String metric, Map<String, String> labels) {
        double b = sample(before, metric, labels);
        return sample(after, metric, labels) - (Double.isNaN(b) ? 0 : b);
    }
}
