package io.entrascim.audit.lag;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code audit.lag.*}: which consumer groups' lag the audit service measures from outside, and how often.
 *
 * @param refreshInterval how often the lag is measured in the background (the gauge shows the latest measurement)
 * @param maxAge          a {@code GET /api/pipeline/lag} measures anew only when the latest measurement is older
 * @param timeout         how long one measurement may wait for Kafka before it reports an error
 * @param targets         the (group, topic) pairs; empty = the pipeline's four consumers
 */
@Validated
@ConfigurationProperties("audit.lag")
public record LagProperties(
        @NotNull(message = "audit.lag.refresh-interval must be set, e.g. PT10S") @DefaultValue("PT10S") Duration refreshInterval,
        @NotNull(message = "audit.lag.max-age must be set, e.g. PT2S") @DefaultValue("PT2S") Duration maxAge,
        @NotNull(message = "audit.lag.timeout must be set, e.g. PT5S") @DefaultValue("PT5S") Duration timeout,
        List<@Valid Target> targets) {

    /** The pipeline's consumers, as named in the brief's contracts. */
    public static final List<Target> PIPELINE = List.of(
            new Target("mapper-service", "entra.changes.v1"),
            new Target("scim-sink", "scim.commands.v1"),
            new Target("audit-service", "provisioning.results.v1"),
            new Target("audit-service", "entra.cycles.v1"));

    public LagProperties {
        targets = targets == null || targets.isEmpty() ? PIPELINE : List.copyOf(targets);
    }

    @AssertTrue(message = "audit.lag.refresh-interval must be at least PT1S")
    public boolean isRefreshIntervalUsable() {
        return refreshInterval == null || refreshInterval.compareTo(Duration.ofSeconds(1)) >= 0;
    }

    @AssertTrue(message = "audit.lag.timeout must be between PT0.1S and PT1M")
    public boolean isTimeoutUsable() {
        return timeout == null || (timeout.compareTo(Duration.ofMillis(100)) >= 0 && timeout.compareTo(Duration.ofMinutes(1)) <= 0);
    }

    @AssertTrue(message = "audit.lag.max-age must not be negative")
    public boolean isMaxAgeUsable() {
        return maxAge == null || !maxAge.isNegative();
    }

    @AssertTrue(message = "audit.lag.targets lists the same group and topic twice")
    public boolean isTargetsDistinct() {
        Set<Target> seen = new HashSet<>();
        return targets.stream().allMatch(seen::add);
    }

    /**
     * @param group consumer group id, e.g. {@code scim-sink}
     * @param topic topic the group consumes, e.g. {@code scim.commands.v1}
     */
    public record Target(
            @NotBlank(message = "audit.lag.targets[].group must not be blank") String group,
            @NotBlank(message = "audit.lag.targets[].topic must not be blank") String topic) {
    }
}
