package io.entrascim.mapper.messaging;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * Send failures that are about one record and fail the same way on every retry: the producer's or the broker's size
 * limit ({@code RecordTooLargeException}, raised for a single record once the producer has split its batch) and a
 * record the broker's validation rejects ({@code InvalidRecordException}, e.g. a timestamp or key the topic's policy
 * refuses). Not here on purpose: errors that would hit every record alike (authorization, unknown topic,
 * {@code RecordBatchTooLargeException} for a batch over the segment size), which are configuration to fix, not data to
 * park; they keep redelivering the batch, which the stall alert reports.
 */
final class PermanentSendFailures {
    private PermanentSendFailures() {
    }

    /** The permanent per-record cause in the chain (KafkaTemplate wraps it), or null. */
    static Throwable find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RecordTooLargeException || t instanceof InvalidRecordException) {
                return t;
            }
        }
        return null;
    }
}
