package io.entrascim.audit.ingest;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.entrascim.audit.metrics.PipelineMetrics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/** {@link RecordPublisher} over a byte-array {@link KafkaTemplate} (acks=all, idempotent producer). */
public class KafkaRecordPublisher implements RecordPublisher {

    private final KafkaTemplate<byte[], byte[]> template;
    private final Duration timeout;
    private final PipelineMetrics metrics;

    public KafkaRecordPublisher(KafkaTemplate<byte[], byte[]> template, Duration timeout, PipelineMetrics metrics) {
        this.template = template;
        this.timeout = timeout;
        this.metrics = metrics;
    }

    @Override
    public void sendAndWait(List<ProducerRecord<byte[], byte[]>> records) {
        if (records.isEmpty()) {
            return;
        }
        CompletableFuture<?>[] sends = records.stream().map(template::send).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(sends).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            records.stream().collect(groupingBy(ProducerRecord::topic,
                    counting())).forEach((topic, n) -> metrics.recordsOut(topic, n.intValue()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka acks", e);
        } catch (ExecutionException | TimeoutException e) {
            // thrown so the batch is not acknowledged and comes back; storing it again is idempotent
            throw new IllegalStateException("Kafka did not acknowledge " + records.size() + " records", e);
        }
    }
}
