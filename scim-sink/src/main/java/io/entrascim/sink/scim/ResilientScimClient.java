package io.entrascim.sink.scim;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Decorates a {@link ScimClient} with Resilience4j: per attempt a bulkhead (concurrency), the
 * adaptive rate limiter and the circuit breaker; around them a retry loop with exponential backoff
 * and jitter (between half and all of the step) that waits at least the target's {@code Retry-After}. The retry runs on the
 * caller's thread, so commands of one object stay in order while they wait.
 */
public final class ResilientScimClient implements ScimClient {

    private final ScimClient delegate;
    private final ResilienceSettings settings;
    private final AdaptiveRateLimit rate;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final Sleeper sleeper;

    /** Waits between attempts; tests may observe it. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public ResilientScimClient(ScimClient delegate, ResilienceSettings settings) {
        this(delegate, settings, d -> Thread.sleep(d.toMillis()));
    }

    public ResilientScimClient(ScimClient delegate, ResilienceSettings settings, Sleeper sleeper) {
        this.delegate = delegate;
        this.settings = settings;
        this.sleeper = sleeper;
        this.rate = new AdaptiveRateLimit(settings.rateLimit());
        this.breaker = CircuitBreaker.of("scim-target", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.breakerWindow())
                .minimumNumberOfCalls(Math.max(2, settings.breakerWindow() / 2))
                .failureRateThreshold(settings.breakerFailureRate())
                .waitDurationInOpenState(settings.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                // Only "target down" signals open it; 4xx and 429 prove the target is alive.
                .recordException(e -> e instanceof ScimTransportException
                        || (e instanceof ScimHttpException h && h.status() >= 500))
                .build());
        this.bulkhead = Bulkhead.of("scim-target", BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrency())
                .maxWaitDuration(Duration.ofMinutes(5))
                .build());
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public AdaptiveRateLimit rate() {
        return rate;
    }

    @Override
    public ScimResponse get(ResourceKind kind, String id) {
        return call(() -> delegate.get(kind, id));
    }

    @Override
    public ScimResponse findEq(ResourceKind kind, String attribute, String value) {
        return call(() -> delegate.findEq(kind, attribute, value));
    }

    @Override
    public ScimResponse create(ResourceKind kind, ObjectNode resource) {
        return call(() -> delegate.create(kind, resource));
    }

    @Override
    public ScimResponse patch(ResourceKind kind, String id, ObjectNode patchOp) {
        return call(() -> delegate.patch(kind, id, patchOp));
    }

    @Override
    public ScimResponse delete(ResourceKind kind, String id) {
        return call(() -> delegate.delete(kind, id));
    }

    private ScimResponse call(Supplier<ScimResponse> attempt) {
        Supplier<ScimResponse> guarded = Bulkhead.decorateSupplier(bulkhead,
                RateLimiter.decorateSupplier(rate.limiter(),
                        CircuitBreaker.decorateSupplier(breaker, attempt)));
        Instant first = null;
        int throttled = 0;
        int failures = 0;
        for (int n = 1; ; n++) {
            try {
                ScimResponse response = guarded.get();
                rate.succeeded();
                return response;
            } catch (CallNotPermittedException open) {
                throw new TargetUnavailableException("SCIM target unavailable (circuit breaker open)", open);
            } catch (ScimHttpException | ScimTransportException e) {
                if (!ErrorClass.isRetriable(e)) {
                    throw e;
                }
                Instant now = Instant.now();
                first = first == null ? now : first;
                // Throttling has its own, larger budget: a target that pushes back is slowed down for, not failed.
                if (e instanceof ScimHttpException h && h.status() == 429) {
                    rate.throttled();
                    if (++throttled > settings.maxThrottled()) {
                        throw new RetriesExhaustedException(e, n, first, now);
                    }
                } else if (++failures >= settings.maxAttempts()) {
                    throw new RetriesExhaustedException(e, n, first, now);
                }
                pause(waitBefore(n + 1, e));
            }
        }
    }

    /** Jittered exponential backoff, but never sooner than Retry-After. */
    Duration waitBefore(int attempt, RuntimeException e) {
        long cap = settings.maxBackoff().toMillis();
        long exp = settings.initialBackoff().toMillis() << Math.min(20, attempt - 2);
        long backoff = ThreadLocalRandom.current().nextLong(Math.min(cap, exp) / 2, Math.min(cap, exp) + 1);
        if (e instanceof ScimHttpException h && h.retryAfter() != null) {
            long retryAfter = Math.min(h.retryAfter().toMillis(), settings.maxRetryAfter().toMillis());
            return Duration.ofMillis(Math.max(backoff, retryAfter));
        }
        return Duration.ofMillis(backoff);
    }

    private void pause(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new TargetUnavailableException("interrupted while waiting to retry", ie);
        }
    }
}
