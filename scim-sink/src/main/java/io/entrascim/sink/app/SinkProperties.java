package io.entrascim.sink.app;

import io.entrascim.sink.scim.PatchDialect;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;

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
        @DefaultValue("false") boolean createFirst) {

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
