package io.entrascim.mapper.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.stereotype.Component;

import io.entrascim.contracts.ChangeEvent;
import io.entrascim.contracts.DeadLetterRecord;
import io.entrascim.contracts.MalformedRecordException;
import io.entrascim.contracts.MalformedRecordResults;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.ReportingService;
import io.entrascim.contracts.Topics;
import io.entrascim.mapper.config.MapperProperties;
import io.entrascim.mapper.config.PipelineProperties;
import io.entrascim.mapper.mapping.ChangeMapper;
import io.entrascim.mapper.mapping.MappingOutcome;

/**
 * The {@code mapChanges} function bound to entra.changes.v1: maps each change and waits for the
 * acks of everything it produced before the binder commits the input offset (at-least-once).
 * Malformed records and mapping failures go to entra.changes.v1.dlt with a FAILURE result.
 */
@Component("mapChanges")
class ChangeEventConsumer implements Consumer<Message<byte[]>> {
    private static final Logger log = LoggerFactory.getLogger(ChangeEventConsumer.class);

    private final ChangeMapper mapper;
    private final KafkaTemplate<byte[], byte[]> kafka;
    private final MapperProperties props;
    private final String jobId;

    ChangeEventConsumer(ChangeMapper mapper, KafkaTemplate<byte[], byte[]> kafka, MapperProperties props, PipelineProperties pipeline) {
        this.mapper = mapper;
        this.kafka = kafka;
        this.props = props;
        this.jobId = pipeline.jobId();
    }

    @Override
    public void accept(Message<byte[]> message) {
        MessageHeaders h = message.getHeaders();
        String topic = h.get(KafkaHeaders.RECEIVED_TOPIC, String.class);
        topic = topic == null ? Topics.CHANGES : topic;
        Integer partitionHeader = h.get(KafkaHeaders.RECEIVED_PARTITION, Integer.class);
        int partition = partitionHeader == null ? -1 : partitionHeader;
        Long offsetHeader = h.get(KafkaHeaders.OFFSET, Long.class);
        long offset = offsetHeader == null ? -1 : offsetHeader;
        byte[] key = key(h.get(KafkaHeaders.RECEIVED_KEY));
        byte[] value = message.getPayload();

        ChangeEvent event;
        try {
            event = RecordCodec.read(value, ChangeEvent.class);
        } catch (MalformedRecordException e) {
            log.warn("Malformed record at {}-{}@{} parked on {}: {}", topic, partition, offset, Topics.deadLetterOf(topic), e.getMessage());
            sendAll(List.of(
                    DeadLetterRecord.of(topic, partition, offset, key, value,
                            DeadLetterRecord.Failure.malformed(e, ReportingService.MAPPER_SERVICE)),
                    new ProducerRecord<>(Topics.RESULTS, key, RecordCodec.write(MalformedRecordResults.of(
                            ReportingService.MAPPER_SERVICE, jobId, topic, partition, offset, key, e)))));
            return;
        }

        MappingOutcome outcome;
        try {
            outcome = mapper.map(event);
        } catch (RuntimeException e) {
            // A defect must not block the partition: park the event like a mapping failure and go on.
            log.error("Mapper error for event {} of {} {}", event.eventId(), event.objectType(), event.objectId(), e);
            outcome = mapper.failed(event, "MapperError", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        byte[] objectKey = event.objectId().getBytes(StandardCharsets.UTF_8);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        if (outcome.failed()) {
            log.warn("Mapping failed for {} {} (event {}), parked on {}: {}", event.objectType(), event.objectId(), event.eventId(),
                    Topics.deadLetterOf(topic), outcome.failure().message());
            Instant now = Instant.now();
            records.add(DeadLetterRecord.of(topic, partition, offset, key, value, new DeadLetterRecord.Failure("permanent",
                    outcome.failure().errorCode(), outcome.failure().message(), null, null, null, 1, now, now,
                    ReportingService.MAPPER_SERVICE)));
        }
        for (ProvisioningCommand c : outcome.commands()) {
            records.add(new ProducerRecord<>(Topics.COMMANDS, objectKey, RecordCodec.write(c)));
        }
        for (ProvisioningResult r : outcome.results()) {
            records.add(new ProducerRecord<>(Topics.RESULTS, objectKey, RecordCodec.write(r)));
        }
        sendAll(records);
        if (log.isDebugEnabled()) {
            log.debug("Event {} of {} {} -> {} command(s), {} result(s)", event.eventId(), event.objectType(), event.objectId(),
                    outcome.commands().size(), outcome.results().size());
        }
    }

    /** Sends in order and waits for every ack; a failure makes the binder redeliver the input record. */
    private void sendAll(List<ProducerRecord<byte[], byte[]>> records) {
        List<CompletableFuture<?>> acks = new ArrayList<>(records.size());
        for (ProducerRecord<byte[], byte[]> r : records) {
            acks.add(kafka.send(r));
        }
        try {
            CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get(props.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka acks", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the mapper's output: " + e.getMessage(), e);
        }
    }

    private static byte[] key(Object header) {
        if (header instanceof byte[] b) {
            return b;
        }
        return header == null ? null : header.toString().getBytes(StandardCharsets.UTF_8);
    }
}
