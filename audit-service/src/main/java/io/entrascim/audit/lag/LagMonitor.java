package io.entrascim.audit.lag;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps the latest {@link LagReport}: refreshed on a schedule (for the gauges) and on demand when a caller needs a
 * fresher one than {@code maxAge}. Measurements are serialized, so a burst of requests costs one round of Admin
 * calls, not one each.
 */
public class LagMonitor {

    private final ConsumerLagMeter meter;
    private final Duration maxAge;
    private final Clock clock;
    private final AtomicReference<LagReport> latest = new AtomicReference<>();

    public LagMonitor(ConsumerLagMeter meter, Duration maxAge, Clock clock) {
        this.meter = meter;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Measures now (the scheduled refresh). */
    public synchronized LagReport refresh() {
        LagReport report = meter.measure();
        latest.set(report);
        return report;
    }

    /** The latest report if it is younger than {@code maxAge}, otherwise a new measurement. */
    public LagReport current() {
        LagReport cached = latest.get();
        if (fresh(cached)) {
            return cached;
        }
        synchronized (this) {
            cached = latest.get();
            // another caller may have measured while this one waited for the lock
            return fresh(cached) ? cached : refresh();
        }
    }

    /** The latest report without measuring (what the gauges read during a scrape). */
    public Optional<LagReport> latest() {
        return Optional.ofNullable(latest.get());
    }

    private boolean fresh(LagReport report) {
        return report != null && !report.measuredAt().plus(maxAge).isBefore(clock.instant());
    }
}
