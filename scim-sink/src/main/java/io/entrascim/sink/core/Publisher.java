package io.entrascim.sink.core;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.concurrent.CompletableFuture;

/** Sends records to Kafka; the input is committed only after what it caused was acknowledged (at-least-once). */
public interface Publisher {

    /** Sends and returns only once the broker acknowledged the record. */
    Written send(ProducerRecord<byte[], byte[]> record);

    /**
     * Sends without waiting; the future completes with the acknowledgement, or exceptionally with a
     * {@link PublishNotAcknowledgedException}. A batch of commands sends this way and waits once for all.
     */
    default CompletableFuture<Written> sendAsync(ProducerRecord<byte[], byte[]> record) {
        try {
            return CompletableFuture.completedFuture(send(record));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    record Written(int partition, long offset) {
    }
}
