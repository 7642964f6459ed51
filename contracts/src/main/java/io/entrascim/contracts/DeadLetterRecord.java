package io.entrascim.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Builds the record that parks a failed input on its dead-letter topic: same key, same raw bytes
 * (so a replay re-publishes exactly what failed), and the {@link DeadLetterHeaders} that say where
 * it came from and why it failed.
 */
public final class DeadLetterRecord {

    private DeadLetterRecord() {
    }

    /**
     * @param topic       topic the record was read from
     * @param partition   its partition
     * @param offset      its offset
     * @param key         its key, may be null
     * @param value       its raw value, may be null
     * @param failure     why it is parked (codes and reasons, never secrets)
     */
    public static ProducerRecord<byte[], byte[]> of(String topic, int partition, long offset, byte[] key, byte[] value,
                                                    Failure failure) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.deadLetterOf(topic), key, value);
        Headers h = record.headers();
        put(h, DeadLetterHeaders.ORIGINAL_TOPIC, topic);
        put(h, DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(partition));
        put(h, DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(offset));
        put(h, DeadLetterHeaders.ERROR_CLASS, failure.errorClass());
        put(h, DeadLetterHeaders.ERROR_CODE, failure.errorCode());
        put(h, DeadLetterHeaders.ERROR_REASON, failure.reason());
        put(h, DeadLetterHeaders.HTTP_STATUS, failure.httpStatus() == null ? null : failure.httpStatus().toString());
        put(h, DeadLetterHeaders.SCIM_TYPE, failure.scimType());
        put(h, DeadLetterHeaders.SCIM_DETAIL, failure.scimDetail());
        put(h, DeadLetterHeaders.ATTEMPTS, Integer.toString(failure.attempts()));
        put(h, DeadLetterHeaders.FIRST_FAILURE_AT, failure.firstFailureAt() == null ? null : failure.firstFailureAt().toString());
        put(h, DeadLetterHeaders.LAST_FAILURE_AT, failure.lastFailureAt() == null ? null : failure.lastFailureAt().toString());
        put(h, DeadLetterHeaders.FAILED_BY, failure.failedBy() == null ? null : failure.failedBy().name());
        return record;
    }

    /** Reads a header as text, or null. */
    public static String header(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Why a record is parked.
     *
     * @param errorClass     retriable, permanent, conflict, policy or malformed
     * @param errorCode      e.g. {@code MalformedRecord}, {@code BadRequest}
     * @param reason         human-readable reason naming the field
     * @param httpStatus     SCIM HTTP status, may be null
     * @param scimType       SCIM error {@code scimType}, may be null
     * @param scimDetail     SCIM error {@code detail}, may be null
     * @param attempts       attempts made
     * @param firstFailureAt first failure, may be null
     * @param lastFailureAt  last failure, may be null
     * @param failedBy       the service that parked it
     */
    public record Failure(String errorClass, String errorCode, String reason, Integer httpStatus, String scimType,
                          String scimDetail, int attempts, Instant firstFailureAt, Instant lastFailureAt,
                          ReportingService failedBy) {

        public static Failure malformed(MalformedRecordException e, ReportingService by) {
            Instant now = Instant.now();
            return new Failure("malformed", MalformedRecordResults.ERROR_CODE, e.getMessage(), null, null, null, 1, now, now, by);
        }
    }
}
