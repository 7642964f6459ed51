package io.entrascim.audit.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.TriggerContext;

/**
 * When to recompute the cycle progress gauges next: {@code audit.metrics.cycle-refresh-interval} after the last
 * recomputation ended, or longer when that one was slow. The processed count is a distinct count over the cycle's
 * results, so its cost grows with the cycle: ~140 ms at 100,000 results here, seconds for a tenant of millions. Waiting
 * at least {@value #WAIT_PER_WORK} times as long as the last one took keeps the refresh under a twentieth of a core of
 * the database however large the cycle, at the price of a gauge that moves less often during a huge cycle.
 */
public final class PacedRefresh implements Trigger {

    static final int WAIT_PER_WORK = 20;

    private final Duration interval;
    private final InstantSource clock;

    public PacedRefresh(Duration interval) {
        this(interval, InstantSource.system());
    }

    PacedRefresh(Duration interval, InstantSource clock) {
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public Instant nextExecution(TriggerContext context) {
        Instant started = context.lastActualExecution();
        Instant ended = context.lastCompletion();
        if (started == null || ended == null) {
            return clock.instant();
        }
        return ended.plus(delayAfter(Duration.between(started, ended)));
    }

    /** The wait after a refresh that took {@code took}. */
    Duration delayAfter(Duration took) {
        Duration paced = took.multipliedBy(WAIT_PER_WORK);
        return paced.compareTo(interval) > 0 ? paced : interval;
    }
}
