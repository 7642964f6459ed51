package io.entrascim.audit.metrics;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code audit.metrics.*}.
 *
 * @param cycleRefreshInterval how often the cycle progress gauges are recomputed (one count query per run; less often
 *                             while that query takes over a twentieth of it, see {@link PacedRefresh})
 */
@Validated
@ConfigurationProperties("audit.metrics")
public record MetricsProperties(
        @NotNull(message = "audit.metrics.cycle-refresh-interval must be set, e.g. PT10S")
        @DefaultValue("PT10S") Duration cycleRefreshInterval) {

    @AssertTrue(message = "audit.metrics.cycle-refresh-interval must be at least PT1S")
    public boolean isCycleRefreshIntervalUsable() {
        return cycleRefreshInterval == null || cycleRefreshInterval.compareTo(Duration.ofSeconds(1)) >= 0;
    }
}
