package io.entrascim.sink.scim;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

import java.time.Duration;

/**
 * A Resilience4j rate limiter whose limit adapts below a ceiling, AIMD-style: it halves on every
 * 429 (at most once per second) and climbs back by a tenth of the ceiling per calm second.
 */
public final class AdaptiveRateLimit {

    private final RateLimiter limiter;
    private final int ceiling;
    private final int step;
    private volatile long lastChangeNanos = System.nanoTime();
    private volatile long lastThrottleNanos = 0;

    public AdaptiveRateLimit(int ceiling) {
        this.ceiling = ceiling;
        this.step = Math.max(1, ceiling / 10);
        this.limiter = RateLimiter.of("scim-target", RateLimiterConfig.custom()
                .limitForPeriod(ceiling)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ofMinutes(5))
                .build());
    }

    public RateLimiter limiter() {
        return limiter;
    }

    public int currentLimit() {
        return limiter.getRateLimiterConfig().getLimitForPeriod();
    }

    public int ceiling() {
        return ceiling;
    }

    /** The target answered 429. */
    public synchronized void throttled() {
        long now = System.nanoTime();
        lastThrottleNanos = now;
        if (now - lastChangeNanos >= 1_000_000_000L || currentLimit() == ceiling) {
            limiter.changeLimitForPeriod(Math.max(1, currentLimit() / 2));
            lastChangeNanos = now;
        }
    }

    /** A call went through without 429. */
    public void succeeded() {
        if (currentLimit() >= ceiling) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastChangeNanos >= 1_000_000_000L && now - lastThrottleNanos >= 1_000_000_000L) {
            synchronized (this) {
                if (now - lastChangeNanos >= 1_000_000_000L) {
                    limiter.changeLimitForPeriod(Math.min(ceiling, currentLimit() + step));
                    lastChangeNanos = now;
                }
            }
        }
    }
}
