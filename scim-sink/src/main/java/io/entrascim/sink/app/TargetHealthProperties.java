package io.entrascim.sink.app;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code sink.health.*}: the {@code scimTarget} readiness check.
 *
 * @param targetCheckInterval the target is asked at most once per interval (1s..10m; default 20s)
 * @param targetTimeout       connect and read timeout of that request (1s..1m; default 5s), so a hanging target
 *                            cannot hang the health endpoint
 */
@Validated
@ConfigurationProperties("sink.health")
record TargetHealthProperties(
        @NotNull(message = "set sink.health.target-check-interval, e.g. 20s") @DefaultValue("20s") Duration targetCheckInterval,
        @NotNull(message = "set sink.health.target-timeout, e.g. 5s") @DefaultValue("5s") Duration targetTimeout) {

    TargetHealthProperties {
        if (targetCheckInterval != null && (targetCheckInterval.compareTo(Duration.ofSeconds(1)) < 0
                || targetCheckInterval.compareTo(Duration.ofMinutes(10)) > 0)) {
            throw new IllegalArgumentException("sink.health.target-check-interval must be between 1s and 10m (was "
                    + targetCheckInterval + "); 15s-30s keeps readiness fresh without loading the target");
        }
        if (targetTimeout != null && (targetTimeout.compareTo(Duration.ofSeconds(1)) < 0
                || targetTimeout.compareTo(Duration.ofMinutes(1)) > 0)) {
            throw new IllegalArgumentException("sink.health.target-timeout must be between 1s and 1m (was " + targetTimeout + ")");
        }
    }
}
