package io.entrascim.sink.scim;

import java.time.Duration;

/**
 * @param maxAttempts        attempts per SCIM call before giving up (first try included), 429s not counted
 * @param maxThrottled       429 answers tolerated per SCIM call (each waits Retry-After) before giving up
 * @param initialBackoff     first backoff; doubles per attempt, with full jitter
 * @param maxBackoff         cap of the computed backoff
 * @param maxRetryAfter      longest Retry-After honoured (longer values are capped)
 * @param rateLimit          requests/s ceiling; the adaptive limit never exceeds it
 * @param maxConcurrency     concurrent SCIM calls
 * @param breakerWindow      calls in the circuit breaker's sliding window
 * @param breakerFailureRate percentage of failed calls (transport errors, 5xx) that opens it
 * @param breakerOpenFor     how long it stays open before probing again
 */
public record ResilienceSettings(int maxAttempts, int maxThrottled, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter,
                                 int rateLimit, int maxConcurrency, int breakerWindow, float breakerFailureRate,
                                 Duration breakerOpenFor) {
}
