package io.entrascim.audit;

import io.entrascim.audit.metrics.CycleProgressGauges;
import io.entrascim.audit.metrics.MetricsProperties;
import io.entrascim.audit.metrics.PacedRefresh;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Recomputes the cycle progress gauges every {@code audit.metrics.cycle-refresh-interval}, or less often while the
 * recomputation itself is slow ({@link PacedRefresh}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MetricsScheduling implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(MetricsScheduling.class);

    private final CycleProgressGauges gauges;
    private final MetricsProperties properties;

    MetricsScheduling(CycleProgressGauges gauges, MetricsProperties properties) {
        this.gauges = gauges;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addTriggerTask(this::refresh, new PacedRefresh(properties.cycleRefreshInterval()));
    }

    private void refresh() {
        try {
            gauges.refresh();
        } catch (RuntimeException e) {
            // the gauges keep their last value; the next run retries
            log.warn("Cycle progress gauges not refreshed: {}", e.toString());
        }
    }
}
