package io.entrascim.sink.app;

import io.entrascim.contracts.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code pipeline.records{topic,direction}}: records consumed ({@code in}) and produced and acknowledged
 * ({@code out}) per topic, dead-letter topic included; the same series in every service of the pipeline.
 */
final class RecordCounters {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    RecordCounters(MeterRegistry registry) {
        this.registry = registry;
        // Registered at start so dashboards and rate() see 0 rather than no series.
        in(Topics.COMMANDS, 0);
        out(Topics.RESULTS, 0);
        out(Topics.deadLetterOf(Topics.COMMANDS), 0);
    }

    void in(String topic, int n) {
        counter(topic, "in").increment(n);
    }

    void out(String topic, int n) {
        counter(topic, "out").increment(n);
    }

    private Counter counter(String topic, String direction) {
        return counters.computeIfAbsent(topic + '\u0000' + direction, k -> Counter.builder("pipeline.records")
                .description("records consumed (in) or produced (out) per topic")
                .tag("topic", topic).tag("direction", direction).register(registry));
    }
}
