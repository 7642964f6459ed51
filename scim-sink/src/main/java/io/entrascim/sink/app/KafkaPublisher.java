package io.entrascim.sink.app;

import io.entrascim.sink.core.PublishNotAcknowledgedException;
import io.entrascim.sink.core.Publisher;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends with the acks=all, idempotent template and waits for the broker's acknowledgement. */
final class KafkaPublisher implements Publisher {

    private final KafkaTemplate<byte[], byte[]> template;

    KafkaPublisher(KafkaTemplate<byte[], byte[]> template) {
        this.template = template;
    }

    @Override
    public Written send(ProducerRecord<byte[], byte[]> record) {
        try {
            SendResult<byte[], byte[]> result = template.send(record).get(60, TimeUnit.SECONDS);
            return new Written(result.getRecordMetadata().partition(), result.getRecordMetadata().offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishNotAcknowledgedException("interrupted while sending to " + record.topic(), e);
        } catch (ExecutionException | TimeoutException e) {
            // Not acknowledged: fail the input record so it is redelivered rather than lost.
            throw new PublishNotAcknowledgedException("send to " + record.topic() + " was not acknowledged: " + e.getMessage(), e);
        }
    }
}
