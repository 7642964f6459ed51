package io.entrascim.mapper.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The mapper's counters: Micrometer series for Prometheus ({@code pipeline.records{topic,direction}},
 * {@code pipeline.results{service,action,status}}) and the totals {@code GET /api/status} reports. Counted once a
 * batch's outputs are acknowledged, so a redelivered batch is counted again (at-least-once, like the records).
 */
public final class PipelineMetrics {
    public static final String SERVICE = "mapper-service";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicLong consumed = new AtomicLong();
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong results = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void recordsIn(String topic, long n) {
        records(topic, "in").increment(n);
        consumed.addAndGet(n);
    }

    public void recordsOut(String topic, long n) {
        records(topic, "out").increment(n);
    }

    public void commands(long n) {
        commands.addAndGet(n);
    }

    public void result(String action, String status) {
        counters.computeIfAbsent("r|" + action + "|" + status, k -> Counter.builder("pipeline.results")
                .description("provisioning results emitted, by action and status")
                .tag("service", SERVICE).tag("action", action).tag("status", status).register(registry)).increment();
        results.incrementAndGet();
    }

    public void malformed(long n) {
        malformed.addAndGet(n);
    }

    public Status status() {
        return new Status(SERVICE, consumed.get(), commands.get(), results.get(), malformed.get());
    }

    private Counter records(String topic, String direction) {
        return counters.computeIfAbsent(direction + "|" + topic, k -> Counter.builder("pipeline.records")
                .description("records consumed (in) or produced and acknowledged (out) per topic")
                .tag("topic", topic).tag("direction", direction).register(registry));
    }

    /** The body of {@code GET /api/status}. */
    public record Status(String service, long consumed, long commands, long results, long malformed) {
    }
}
