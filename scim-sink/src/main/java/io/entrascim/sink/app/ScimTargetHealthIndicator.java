package io.entrascim.sink.app;

import io.entrascim.sink.core.TargetReachability;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code scimTarget} health, part of the readiness group only: a sink whose target is down is alive
 * (it holds commands and resumes by itself) and must not be restarted for it, but is not ready.
 */
final class ScimTargetHealthIndicator implements HealthIndicator {

    private final TargetReachability reachability;
    private final String baseUrl;

    ScimTargetHealthIndicator(TargetReachability reachability, String baseUrl) {
        this.reachability = reachability;
        this.baseUrl = baseUrl;
    }

    @Override
    public Health health() {
        TargetReachability.Verdict v = reachability.current();
        Health.Builder b = v.up() ? Health.up() : Health.down();
        b.withDetail("reason", v.reason()).withDetail("baseUrl", baseUrl);
        if (v.httpStatus() != null) {
            b.withDetail("httpStatus", v.httpStatus());
        }
        return b.withDetail("message", v.message()).withDetail("checkedAt", v.checkedAt().toString())
                .withDetail("durationMs", v.durationMs()).build();
    }
}
