package io.entrascim.audit.lag;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauge {@code pipeline.consumer.lag{group,topic}} per configured target, read from the monitor's latest report (a
 * scrape never waits for Kafka). NaN while nothing was measured yet or while Kafka is unreachable, so an alert on
 * "lag high" does not fire on a missing value and an absent-data alert can.
 */
public final class LagGauges {

    public static final String NAME = "pipeline.consumer.lag";

    private LagGauges() {
    }

    public static void register(MeterRegistry registry, LagMonitor monitor, Iterable<LagProperties.Target> targets) {
        for (LagProperties.Target target : targets) {
            Gauge.builder(NAME, monitor, m -> value(m, target))
                    .description("Records not yet consumed: end offset minus committed offset, summed over partitions")
                    .tag("group", target.group())
                    .tag("topic", target.topic())
                    .register(registry);
        }
    }

    static double value(LagMonitor monitor, LagProperties.Target target) {
        return monitor.latest()
                .flatMap(r -> r.groups().stream()
                        .filter(g -> g.group().equals(target.group()) && g.topic().equals(target.topic()))
                        .findFirst())
                .map(g -> g.lag() == null ? Double.NaN : g.lag().doubleValue())
                .orElse(Double.NaN);
    }
}
