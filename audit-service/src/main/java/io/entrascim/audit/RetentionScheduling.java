package io.entrascim.audit;

import java.time.Clock;
import java.time.Instant;

import io.entrascim.audit.store.RetentionPurger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs the retention purge every {@code audit.purge.interval}, deleting entries older than {@code audit.retention}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RetentionScheduling implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(RetentionScheduling.class);

    private final RetentionPurger purger;
    private final AuditProperties properties;
    private final Clock clock = Clock.systemUTC();

    RetentionScheduling(RetentionPurger purger, AuditProperties properties) {
        this.purger = purger;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::purge, properties.purge().interval(),
                properties.purge().initialDelay()));
    }

    RetentionPurger.Purged purge() {
        Instant cutoff = clock.instant().minus(properties.retention());
        try {
            RetentionPurger.Purged purged = purger.purgeOlderThan(cutoff, properties.purge().batchSize());
            log.info("Retention purge before {} (retention {}): {}", cutoff, properties.retention(), purged);
            return purged;
        } catch (RuntimeException e) {
            // the next run retries; a failed purge must not stop the scheduler
            log.error("Retention purge before {} failed: {}", cutoff, e.toString());
            return null;
        }
    }
}
