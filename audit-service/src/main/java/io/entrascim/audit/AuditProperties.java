package io.entrascim.audit;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code audit.*}: how long the log is kept, who may read it, and where the sink's replay endpoint lives.
 *
 * @param retention entries older than this are purged (default 90 days; Entra keeps 7 or 30)
 * @param purge     how the retention purge runs
 * @param security  API credentials
 * @param sink      the scim-sink whose dead-letter replay the operator triggers from the log
 * @param query     limits of the query API
 */
@Validated
@ConfigurationProperties("audit")
public record AuditProperties(
        @NotNull(message = "audit.retention must be set, e.g. P90D") @DefaultValue("P90D") Duration retention,
        @Valid @DefaultValue Purge purge,
        @Valid @NotNull(message = "audit.security.reader-token and audit.security.operator-token must be set") Security security,
        @Valid @DefaultValue Sink sink,
        @Valid @DefaultValue Query query) {

    @AssertTrue(message = "audit.retention must be at least one day (PT24H), got a shorter duration")
    public boolean isRetentionAtLeastOneDay() {
        return retention == null || retention.compareTo(Duration.ofDays(1)) >= 0;
    }

    /**
     * @param interval     pause between two purge runs
     * @param initialDelay wait after start-up before the first run
     * @param batchSize    rows deleted per statement, small enough that ingestion never waits long for a lock
     */
    public record Purge(
            @NotNull @DefaultValue("PT1H") Duration interval,
            @NotNull @DefaultValue("PT1M") Duration initialDelay,
            @Min(value = 100, message = "audit.purge.batch-size must be between 100 and 100000")
            @Max(value = 100_000, message = "audit.purge.batch-size must be between 100 and 100000")
            @DefaultValue("5000") int batchSize) {
    }

    /**
     * Bearer tokens. An operator token also grants reading. Tokens are compared in constant time and never logged.
     *
     * @param readerToken   token for role READER (env {@code AUDIT_SECURITY_READER_TOKEN})
     * @param operatorToken token for roles READER and OPERATOR (env {@code AUDIT_SECURITY_OPERATOR_TOKEN})
     */
    public record Security(String readerToken, String operatorToken) {

        // checked in methods, not with field constraints: a field constraint would echo the rejected token in the
        // start-up failure message
        @AssertTrue(message = "audit.security.reader-token must be set (env AUDIT_SECURITY_READER_TOKEN) "
                + "and have at least 16 characters")
        public boolean isReaderTokenUsable() {
            return usable(readerToken);
        }

        @AssertTrue(message = "audit.security.operator-token must be set (env AUDIT_SECURITY_OPERATOR_TOKEN) "
                + "and have at least 16 characters")
        public boolean isOperatorTokenUsable() {
            return usable(operatorToken);
        }

        @AssertTrue(message = "audit.security.reader-token and audit.security.operator-token must differ")
        public boolean isTokensDistinct() {
            return readerToken == null || !readerToken.equals(operatorToken);
        }

        private static boolean usable(String token) {
            return token != null && token.strip().length() >= 16;
        }

        @Override
        public String toString() {
            return "Security[readerToken=***, operatorToken=***]";
        }
    }

    /**
     * @param baseUrl       scim-sink base URL (its {@code POST /api/dead-letters/replay})
     * @param operatorToken bearer token the sink expects ({@code sink.api.operator-token}), empty when it needs none
     * @param timeout       per-request timeout
     */
    public record Sink(
            @NotNull(message = "audit.sink.base-url must be set, e.g. http://localhost:8083")
            @DefaultValue("http://localhost:8083") URI baseUrl,
            String operatorToken,
            @NotNull @DefaultValue("PT10S") Duration timeout) {

        @Override
        public String toString() {
            return "Sink[baseUrl=" + baseUrl + ", operatorToken=" + (operatorToken == null ? "none" : "***")
                    + ", timeout=" + timeout + "]";
        }
    }

    /**
     * @param maxPageSize     largest page a client may ask for
     * @param exportFetchSize rows fetched per round trip while streaming an export
     * @param replayMaxResults most failures one replay request may select by filter
     */
    public record Query(
            @Min(1) @Max(10_000) @DefaultValue("1000") int maxPageSize,
            @Min(10) @Max(100_000) @DefaultValue("1000") int exportFetchSize,
            @Min(1) @Max(100_000) @DefaultValue("1000") int replayMaxResults) {
    }
}
