package io.entrascim.source;

import io.entrascim.contracts.RecordSizeLimit;
import io.entrascim.contracts.SendFailures;
import io.entrascim.contracts.ChangeEvent;
import io.entrascim.contracts.CycleMarker;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends change events (keyed by object id) and cycle markers (keyed by cycle id), and returns only when Kafka
 * acknowledged every one of them, so the caller may then advance its checkpoint. An event Kafka can never accept
 * (too large, invalid) is replaced by its dead letter and a FAILURE result ({@link OversizedEvents}) instead of
 * failing the page: the cycle would otherwise fail at that page on every attempt, since it resumes from the same
 * checkpoint. The replacement is acknowledged before the caller advances, so the object is never skipped unaudited.
 */
final class ChangePublisher {
    private static final Logger log = LoggerFactory.getLogger(ChangePublisher.class);

    private final KafkaTemplate<byte[], byte[]> kafka;
    private final OversizedEvents oversized;
    // One thread: batches are serialized and handed to the producer in submission order.
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "change-publisher");
        t.setDaemon(true);
        return t;
    });

    ChangePublisher(KafkaTemplate<byte[], byte[]> kafka, String jobId) {
        this.kafka = kafka;
        this.oversized = new OversizedEvents(RecordSizeLimit.of(kafka.getProducerFactory().getConfigurationProperties()),
                jobId, Clock.systemUTC());
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

    /** One record in flight and the event it stands for (the event itself, or its dead letter or FAILURE result). */
    private record Sent(ChangeEvent event, ProducerRecord<byte[], byte[]> record, CompletableFuture<?> ack) {
    }

    /** Acknowledgements of one batch of sends. */
    final class Pending {
        private final List<Sent> sent;

        private Pending(List<Sent> sent) {
            this.sent = sent;
        }

        /**
         * Returns once Kafka acknowledged every record, or refused an event for good and acknowledged its dead letter
         * and FAILURE result instead; throws if any was refused for a reason that may pass, or timed out.
         */
        void await() {
            List<Sent> failed = awaitAll(sent);
            if (failed.isEmpty()) {
                return;
            }
            List<Sent> parked = new ArrayList<>();
            for (Sent s : failed) {
                Throwable permanent = SendFailures.permanentCause(SendFailures.of(s.ack()));
                log.warn("Kafka refused the event of {} {} for good; publishing its dead letter and a FAILURE result"
                        + " instead: {}", s.event().objectType(), s.event().objectId(), permanent.getMessage());
                for (ProducerRecord<byte[], byte[]> r : oversized.refused(s.event(), s.record(), permanent)) {
                    parked.add(new Sent(s.event(), r, sendOne(r)));
                }
            }
            // The dead letter may be refused too (a broker limit below the producer's): the FAILURE result, small by
            // construction, still audits the event; without that one acknowledged, the page must not advance.
            awaitAll(parked);
        }
    }

    /** Sends without waiting; {@link Pending#await()} before advancing anything that depends on these events. */
    Pending send(List<ChangeEvent> events) {
        List<Sent> sent = new ArrayList<>(events.size());
        for (ChangeEvent e : events) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.CHANGES,
                    e.objectId().getBytes(StandardCharsets.UTF_8), RecordCodec.write(e));
            if (oversized.limit().fits(record)) {
                sent.add(new Sent(e, record, sendOne(record)));
            } else {
                log.warn("The event of {} {} is {} bytes, over the producer's max.request.size of {}: publishing its dead"
                        + " letter and a FAILURE result instead", e.objectType(), e.objectId(),
                        oversized.limit().sizeOf(record), oversized.limit().maxBytes());
                for (ProducerRecord<byte[], byte[]> r : oversized.overLimit(e, record)) {
                    sent.add(new Sent(e, r, sendOne(r)));
                }
            }
        }
        return new Pending(sent);
    }

    private CompletableFuture<?> sendOne(ProducerRecord<byte[], byte[]> record) {
        try {
            return kafka.send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Waits for every ack (60 s in all). Returns the change events Kafka refused for good, to be parked; throws for
     * anything that may pass (the cycle fails and resumes from its checkpoint) and for a refused FAILURE result; a
     * dead letter refused for good is only logged, since its FAILURE result audits the event.
     */
    private static List<Sent> awaitAll(List<Sent> sent) {
        if (sent.isEmpty()) {
            return List.of();
        }
        try {
            CompletableFuture.allOf(sent.stream().map(Sent::ack).toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka acknowledgements", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("events not acknowledged by Kafka within 60 s", e);
        } catch (ExecutionException e) {
            // allOf fails only once every send is done, so each one's outcome is known here.
            List<Sent> refused = new ArrayList<>();
            List<Sent> parkedRefused = new ArrayList<>();
            for (Sent s : sent) {
                Throwable cause = SendFailures.of(s.ack());
                if (cause == null) {
                    continue;
                }
                if (SendFailures.permanentCause(cause) == null) {
                    throw new IllegalStateException("events not acknowledged by Kafka: " + cause.getMessage(), cause);
                }
                (s.record().topic().equals(Topics.CHANGES) ? refused : parkedRefused).add(s);
            }
            tolerateDeadLetters(parkedRefused);
            return refused;
        }
    }

    private static void tolerateDeadLetters(List<Sent> refused) {
        for (Sent s : refused) {
            if (!s.record().topic().equals(Topics.deadLetterOf(Topics.CHANGES))) {
                throw new IllegalStateException("Kafka refused the FAILURE result for " + s.event().objectType() + " "
                        + s.event().objectId() + ": " + SendFailures.of(s.ack()).getMessage(), SendFailures.of(s.ack()));
            }
            log.error("Kafka refused the dead letter of {} {} too; its FAILURE result still audits it: {}",
                    s.event().objectType(), s.event().objectId(), SendFailures.of(s.ack()).getMessage());
        }
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
        try {
            kafka.send(new ProducerRecord<>(Topics.CYCLES, marker.cycleId().getBytes(StandardCharsets.UTF_8),
                    RecordCodec.write(marker))).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka acknowledgements", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("events not acknowledged by Kafka: " + e.getMessage(), e);
        }
    }
}
