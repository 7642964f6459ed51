package io.entrascim.contracts;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Why a send failed, and whether retrying could ever help. Permanent here means about one record and failing the same
 * way on every retry: the producer's or the broker's size limit ({@code RecordTooLargeException}, raised for a single
 * record once the producer has split its batch) and a record the broker's validation rejects
 * ({@code InvalidRecordException}, e.g. a timestamp or key the topic's policy refuses). Not here on purpose: errors
 * that would hit every record alike (authorization, unknown topic, {@code RecordBatchTooLargeException} for a batch
 * over the segment size), which are configuration to fix, not data to park.
 */
public final class SendFailures {

    private SendFailures() {
    }

    /** The failure of a completed send, unwrapped; null when it succeeded or has not completed. */
    public static Throwable of(CompletableFuture<?> ack) {
        if (!ack.isCompletedExceptionally()) {
            return null;
        }
        try {
            ack.join();
            return null;
        } catch (CompletionException | CancellationException e) {
            return e.getCause() == null ? e : e.getCause();
        }
    }

    /** The permanent per-record cause in the chain (KafkaTemplate wraps it), or null. */
    public static Throwable permanentCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RecordTooLargeException || t instanceof InvalidRecordException) {
                return t;
            }
        }
        return null;
    }
}
