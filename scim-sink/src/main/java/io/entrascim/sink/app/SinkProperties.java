package io.entrascim.sink.app;

import io.entrascim.sink.scim.PatchDialect;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code sink.*} configuration, validated at start-up.
 *
 * @param scim             the SCIM target
 * @param patchDialect     {@code rfc} (default) or {@code entra-legacy}
 * @param memberChunkSize  members per group PATCH
 * @param rateLimit        ceiling of requests per second to the target
 * @param maxConcurrency   concurrent SCIM calls
 * @param retry            retry policy for 429, 5xx, timeouts and resets
 * @param breaker          circuit breaker that pauses consumption while the target is down
 * @param api              operator API
 * @param createFirst      POST new objects at once when the only matching attribute is the target's unique key
 *                         (userName / group displayName) and match only on 409; default false (Entra's match-first)
 * @param sendRetryInterval  wait before the input record is delivered again after a result / dead-letter send
 *                           was not acknowledged (retried without limit, never skipped)
 * @param deletionGuard    accidental-deletion guard
 * @param quarantine       long-term quarantine of an unhealthy target
 * @param notifications    notification e-mail
 */
@Validated
@ConfigurationProperties("sink")
public record SinkProperties(
        @Valid @DefaultValue Scim scim,
        @NotNull(message = "set sink.patch-dialect to rfc or entra-legacy") @DefaultValue("rfc") PatchDialect patchDialect,
        @Min(value = 1, message = "sink.member-chunk-size must be between 1 and 1000")
        @Max(value = 1000, message = "sink.member-chunk-size must be between 1 and 1000") @DefaultValue("100") int memberChunkSize,
        @Min(value = 1, message = "sink.rate-limit must be at least 1 request/s") @DefaultValue("25") int rateLimit,
        @Min(value = 1, message = "sink.max-concurrency must be at least 1") @DefaultValue("16") int maxConcurrency,
        @Valid @DefaultValue Retry retry,
        @Valid @DefaultValue Breaker breaker,
        @Valid @DefaultValue Api api,
        @DefaultValue("false") boolean createFirst,
        @DefaultValue("5s") Duration sendRetryInterval,
        @Valid @DefaultValue DeletionGuard deletionGuard,
        @Valid @DefaultValue Quarantine quarantine,
        @Valid @DefaultValue Notifications notifications) {

    /**
     * Long-term state when most calls to the target fail (the circuit breaker handles short outages).
     *
     * @param enabled          false = never quarantine (the breaker alone pauses during outages)
     * @param failureRatio     share of failed calls (401/403, 5xx, transport) in {@code window} that quarantines
     * @param window           sliding window of calls for the ratio
     * @param minimumCalls     calls in the window before the ratio is evaluated
     * @param sustainedOutage  target unavailable (breaker open, 5xx/transport) this long quarantines
     * @param retrySchedule    waits between probes while quarantined; the last one repeats
     */
    public record Quarantine(@DefaultValue("true") boolean enabled,
                             @DecimalMin(value = "0.01", message = "sink.quarantine.failure-ratio must be in (0, 1]")
                             @DecimalMax(value = "1", message = "sink.quarantine.failure-ratio must be in (0, 1]")
                             @DefaultValue("0.8") double failureRatio,
                             @DefaultValue("5m") Duration window,
                             @Min(value = 1, message = "sink.quarantine.minimum-calls must be at least 1")
                             @DefaultValue("20") int minimumCalls,
                             @DefaultValue("2m") Duration sustainedOutage,
                             @NotEmpty(message = "sink.quarantine.retry-schedule needs at least one duration, e.g. 1m,5m,15m,30m")
                             @DefaultValue({"1m", "5m", "15m", "30m"}) List<Duration> retrySchedule) {
    }

    /**
     * Notification e-mail (Spring Mail, {@code spring.mail.*}); off without recipients or without {@code spring.mail.host}.
     *
     * @param recipients      addresses
     * @param from            sender
     * @param digestInterval  at most one failure digest per interval
     * @param examples        examples listed per digest
     */
    public record Notifications(@DefaultValue({}) List<String> recipients,
                                @DefaultValue("scim-sink@localhost") String from,
                                @DefaultValue("15m") Duration digestInterval,
                                @Min(value = 0, message = "sink.notifications.examples must be >= 0") @DefaultValue("5") int examples) {
    }

    /**
     * Accidental-deletion guard: disables plus deletes per source cycle and per sliding window.
     *
     * @param enabled   false = off
     * @param threshold the deletion that reaches it (per cycle or per window) trips the guard; 0 = off
     * @param window    sliding window for the incremental flow
     */
    public record DeletionGuard(@DefaultValue("true") boolean enabled,
                                @Min(value = 0, message = "sink.deletion-guard.threshold must be >= 0 (0 = off)")
                                @DefaultValue("500") int threshold,
                                @DefaultValue("1h") Duration window) {
    }

    /**
     * @param baseUrl            SCIM base URL (Tanium's SCIM API URL, the Entra "Tenant URL")
     * @param token              bearer token (Tanium: {@code token-} + 58 alphanumerics); never logged
     * @param connectTimeout     connect timeout
     * @param readTimeout        request timeout
     * @param trustStore         trust store file for the target's TLS certificate chain, empty = JDK default
     * @param trustStorePassword its password
     * @param trustStoreType     PKCS12 or JKS
     */
    public record Scim(
            @NotBlank(message = "set sink.scim.base-url (env SINK_SCIM_BASE_URL) to the target's SCIM base URL")
            @Pattern(regexp = "https?://.+", message = "sink.scim.base-url must start with https:// (or http:// for a local target)")
            String baseUrl,
            @NotBlank(message = "set sink.scim.token (env SINK_SCIM_TOKEN) to the target's bearer token") String token,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("30s") Duration readTimeout,
            Path trustStore,
            String trustStorePassword,
            @DefaultValue("PKCS12") String trustStoreType) {

        @Override
        public String toString() {
            return "Scim[baseUrl=" + baseUrl + ", token=****]";
        }
    }

    /**
     * @param maxAttempts    attempts per SCIM call (first included) for 5xx, timeouts and resets
     * @param maxThrottled   429 answers tolerated per SCIM call, each honouring Retry-After
     * @param initialBackoff first backoff, doubled per attempt with jitter
     * @param maxBackoff     backoff cap
     * @param maxRetryAfter  longest Retry-After honoured
     */
    public record Retry(@Min(value = 1, message = "sink.retry.max-attempts must be at least 1") @DefaultValue("8") int maxAttempts,
                        @Min(value = 0, message = "sink.retry.max-throttled must be at least 0") @DefaultValue("50") int maxThrottled,
                        @DefaultValue("500ms") Duration initialBackoff,
                        @DefaultValue("30s") Duration maxBackoff,
                        @DefaultValue("5m") Duration maxRetryAfter) {
    }

    /**
     * @param window      calls in the sliding window
     * @param failureRate percent of failures (transport errors, 5xx) that opens it
     * @param openFor     time open before a probe
     */
    public record Breaker(@Min(value = 2, message = "sink.breaker.window must be at least 2") @DefaultValue("10") int window,
                          @DecimalMin(value = "1", message = "sink.breaker.failure-rate must be 1..100")
                          @DecimalMax(value = "100", message = "sink.breaker.failure-rate must be 1..100")
                          @DefaultValue("50") float failureRate,
                          @DefaultValue("10s") Duration openFor) {
    }

    /** @param operatorToken when set, /api/** requires {@code Authorization: Bearer <operatorToken>} */
    public record Api(String operatorToken) {
        @Override
        public String toString() {
            return "Api[operatorToken=" + (operatorToken == null ? "unset" : "****") + "]";
        }
    }
}
