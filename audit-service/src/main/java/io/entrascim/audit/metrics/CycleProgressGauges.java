package io.entrascim.audit.metrics;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.entrascim.audit.store.CycleProgress;
import io.entrascim.audit.store.CycleProgressReader;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Progress of the current cycle (the one that reported last) as gauges: {@code pipeline.cycle.progress} 0..1,
 * {@code pipeline.cycle.objects.processed} and {@code pipeline.cycle.objects.expected}. Read from the cycle
 * markers and the stored results on {@link #refresh()}, not during a scrape (the count is a database query).
 * NaN while no cycle is known, or while the source has not said how many objects to expect.
 */
public class CycleProgressGauges {

    public static final String PROGRESS = "pipeline.cycle.progress";
    public static final String PROCESSED = "pipeline.cycle.objects.processed";
    public static final String EXPECTED = "pipeline.cycle.objects.expected";

    private final CycleProgressReader reader;
    private final AtomicReference<CycleProgress> latest = new AtomicReference<>();

    public CycleProgressGauges(CycleProgressReader reader, MeterRegistry registry) {
        this.reader = reader;
        Gauge.builder(PROGRESS, this, g -> g.current().map(CycleProgressGauges::fraction).orElse(Double.NaN))
                .description("Processed of expected objects of the current cycle, 0..1").register(registry);
        Gauge.builder(PROCESSED, this, g -> g.current().map(p -> (double) p.processedObjects()).orElse(Double.NaN))
                .description("Distinct source objects with a result in the current cycle").register(registry);
        Gauge.builder(EXPECTED, this, g -> g.current().map(p -> p.expectedObjects() < 0 ? Double.NaN
                        : (double) p.expectedObjects()).orElse(Double.NaN))
                .description("Objects the source expects in the current cycle").register(registry);
    }

    public void refresh() {
        reader.current().ifPresent(latest::set);
    }

    Optional<CycleProgress> current() {
        return Optional.ofNullable(latest.get());
    }

    static double fraction(CycleProgress p) {
        return p.percentComplete() == null ? Double.NaN : p.percentComplete() / 100.0;
    }
}
