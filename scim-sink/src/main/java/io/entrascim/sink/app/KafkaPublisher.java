package io.entrascim.sink.app;

import io.entrascim.sink.core.PublishNotAcknowledgedException;
import io.entrascim.sink.core.Publisher;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends with the acks=all, idempotent template; {@link #send} waits for the broker's acknowledgement. */
final class KafkaPublisher implements Publisher {

    private final KafkaTemplate<byte[], byte[]> template;

    KafkaPublisher(KafkaTemplate<byte[], byte[]> template) {
        this.template = template;
    }

    @Override
    public Written send(ProducerRecord<byte[], byte[]> record) {
        try {
            return written(template.send(record).get(60, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishNotAcknowledgedException("interrupted while sending to " + record.topic(), e);
        } catch (ExecutionException | TimeoutException e) {
            // Not acknowledged: fail the input record so it is redelivered rather than lost.
            throw notAcknowledged(record, e);
        }
    }

    @Override
    public CompletableFuture<Written> sendAsync(ProducerRecord<byte[], byte[]> record) {
        CompletableFuture<SendResult<byte[], byte[]>> sent;
        try {
            sent = template.send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(notAcknowledged(record, e));
        }
        return sent.handle((result, failure) -> {
            if (failure != null) {
                throw notAcknowledged(record, failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure);
            }
            return written(result);
        });
    }

    private static Written written(SendResult<byte[], byte[]> result) {
        return new Written(result.getRecordMetadata().partition(), result.getRecordMetadata().offset());
    }

    private static PublishNotAcknowledgedException notAcknowledged(ProducerRecord<byte[], byte[]> record, Throwable e) {
        return new PublishNotAcknowledgedException("send to " + record.topic() + " was not acknowledged: " + e.getMessage(), e);
    }
}
