package io.entrascim.source;

import io.entrascim.contracts.ChangeEvent;
import io.entrascim.contracts.CycleMarker;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Sends change events (keyed by object id) and cycle markers (keyed by cycle id), and returns only when Kafka
 * acknowledged every one of them, so the caller may then advance its checkpoint.
 */
final class ChangePublisher {

    private final KafkaTemplate<byte[], byte[]> kafka;
    // One thread: batches are serialized and handed to the producer in submission order.
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "change-publisher");
        t.setDaemon(true);
        return t;
    });

    ChangePublisher(KafkaTemplate<byte[], byte[]> kafka) {
        this.kafka = kafka;
    }

    /**
     * Serializes and sends on the publisher thread, so the caller can translate the next page meanwhile. Batches
     * reach Kafka in the order they were submitted.
     */
    CompletableFuture<Pending> sendAsync(List<ChangeEvent> events) {
        return CompletableFuture.supplyAsync(() -> send(events), sender);
    }

    /** Waits until the batch was sent and every record of it acknowledged. */
    static void await(CompletableFuture<Pending> batch) {
        try {
            batch.join().await();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Acknowledgements of one batch of sends. */
    static final class Pending {
        private final List<CompletableFuture<SendResult<byte[], byte[]>>> acks;

        private Pending(List<CompletableFuture<SendResult<byte[], byte[]>>> acks) {
            this.acks = acks;
        }

        /** Returns once Kafka acknowledged every record; throws if any was refused or timed out. */
        void await() {
            awaitAll(acks);
        }
    }

    /** Sends without waiting; {@link Pending#await()} before advancing anything that depends on these events. */
    Pending send(List<ChangeEvent> events) {
        List<CompletableFuture<SendResult<byte[], byte[]>>> acks = new ArrayList<>(events.size());
        for (ChangeEvent e : events) {
            acks.add(kafka.send(new ProducerRecord<>(Topics.CHANGES, e.objectId().getBytes(StandardCharsets.UTF_8),
                    RecordCodec.write(e))));
        }
        return new Pending(acks);
    }

    void publish(List<ChangeEvent> events) {
        send(events).await();
    }

    /** Progress markers are informational: sent without waiting (Kafka still keeps their order). */
    void markerAsync(CycleMarker marker) {
        kafka.send(new ProducerRecord<>(Topics.CYCLES, marker.cycleId().getBytes(StandardCharsets.UTF_8),
                RecordCodec.write(marker)));
    }

    void marker(CycleMarker marker) {
        awaitAll(List.of(kafka.send(new ProducerRecord<>(Topics.CYCLES,
                marker.cycleId().getBytes(StandardCharsets.UTF_8), RecordCodec.write(marker)))));
    }

    private static void awaitAll(List<CompletableFuture<SendResult<byte[], byte[]>>> acks) {
        if (acks.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka acknowledgements", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("events not acknowledged by Kafka: " + e.getMessage(), e);
        }
    }
}
