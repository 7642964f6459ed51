package io.entrascim.audit.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.entrascim.contracts.ProvisioningResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The pipeline-wide counters every service exports: {@code pipeline.records{topic,direction}} for records consumed
 * ("in") and produced ("out", dead-letter topics included), and, here, {@code pipeline.results.ingested
 * {service,action,status}} for results taken into the log. Counted once a batch is safely stored or acknowledged,
 * so a batch that fails and comes back is counted when it finally succeeds (a redelivered duplicate counts again,
 * though it is stored once).
 */
public class PipelineMetrics {

    public static final String RECORDS = "pipeline.records";
    public static final String RESULTS_INGESTED = "pipeline.results.ingested";

    private final MeterRegistry registry;

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void recordsIn(String topic, int count) {
        records(topic, "in", count);
    }

    public void recordsOut(String topic, int count) {
        records(topic, "out", count);
    }

    public void resultsIngested(List<ProvisioningResult> results) {
        Map<List<String>, Integer> byTags = new HashMap<>();
        for (ProvisioningResult r : results) {
            byTags.merge(List.of(tag(r.reportedBy()), tag(r.action()), tag(r.status())), 1, Integer::sum);
        }
        byTags.forEach((tags, n) -> Counter.builder(RESULTS_INGESTED)
                .description("Provisioning results stored in the audit log")
                .tag("service", tags.get(0)).tag("action", tags.get(1)).tag("status", tags.get(2))
                .register(registry).increment(n));
    }

    private void records(String topic, String direction, int count) {
        if (count == 0) {
            return;
        }
        Counter.builder(RECORDS).description("Records consumed (in) or produced (out) per topic")
                .tag("topic", topic).tag("direction", direction)
                .register(registry).increment(count);
    }

    /** SCIM_SINK -> scim-sink, STAGED_DELETE -> staged-delete: the services' own spelling. */
    private static String tag(Enum<?> value) {
        return value == null ? "none" : value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
