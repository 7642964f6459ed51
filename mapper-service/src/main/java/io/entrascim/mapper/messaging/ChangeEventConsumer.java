package io.entrascim.mapper.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.stereotype.Component;

import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.Topics;
import io.entrascim.mapper.config.MapperProperties;
import io.entrascim.mapper.config.PipelineProperties;
import io.entrascim.mapper.mapping.ChangeMapper;
import io.entrascim.mapper.metrics.PipelineMetrics;

/**
 * The {@code mapChanges} function bound to entra.changes.v1 in batch mode: maps every record of a poll, sends all
 * outputs, then waits once for all their acks before returning, so the binder commits the batch's offsets only
 * afterwards (at-least-once). Waiting per batch instead of per record keeps thousands of sends in flight instead of
 * a handful. Sends happen in input order on this one thread and the idempotent producer keeps per-partition order,
 * so the outputs of one object stay in order. If any send fails the whole batch is redelivered (the container's
 * error handler retries it); command and result ids are deterministic, so the repeats are harmless downstream.
 */
@Component("mapChanges")
class ChangeEventConsumer implements Consumer<Message<List<byte[]>>> {
    private final ChangeRecordHandler handler;
    private final KafkaTemplate<byte[], byte[]> kafka;
    private final MapperProperties props;
    private final PipelineMetrics metrics;

    ChangeEventConsumer(ChangeMapper mapper, KafkaTemplate<byte[], byte[]> kafka, MapperProperties props,
                        PipelineProperties pipeline, PipelineMetrics metrics) {
        this.handler = new ChangeRecordHandler(mapper, pipeline.jobId());
        this.kafka = kafka;
        this.props = props;
        this.metrics = metrics;
    }

    @Override
    public void accept(Message<List<byte[]>> message) {
        List<byte[]> values = message.getPayload();
        MessageHeaders h = message.getHeaders();
        List<?> topics = list(h, KafkaHeaders.RECEIVED_TOPIC);
        List<?> partitions = list(h, KafkaHeaders.RECEIVED_PARTITION);
        List<?> offsets = list(h, KafkaHeaders.OFFSET);
        List<?> keys = list(h, KafkaHeaders.RECEIVED_KEY);

        List<CompletableFuture<?>> acks = new ArrayList<>(values.size() * 2);
        Map<String, Long> out = new HashMap<>();
        Map<String, Long> in = new HashMap<>();
        List<ProvisioningResult> results = new ArrayList<>(values.size());
        long malformed = 0;
        for (int i = 0; i < values.size(); i++) {
            String topic = at(topics, i) instanceof String s ? s : Topics.CHANGES;
            InputRecord record = new InputRecord(topic, at(partitions, i) instanceof Integer p ? p : -1,
                    at(offsets, i) instanceof Long o ? o : -1, key(at(keys, i)), values.get(i));
            ChangeRecordHandler.Output output = handler.handle(record);
            for (ProducerRecord<byte[], byte[]> r : output.records()) {
                acks.add(kafka.send(r));
                out.merge(r.topic(), 1L, Long::sum);
            }
            in.merge(topic, 1L, Long::sum);
            results.addAll(output.results());
            malformed += output.malformed() ? 1 : 0;
        }
        awaitAll(acks);

        in.forEach(metrics::recordsIn);
        out.forEach(metrics::recordsOut);
        metrics.commands(out.getOrDefault(Topics.COMMANDS, 0L));
        metrics.malformed(malformed);
        for (ProvisioningResult r : results) {
            metrics.result(r.action().name(), r.status().name());
        }
    }

    /** One wait for the whole batch; a failure makes the container redeliver the batch from its first offsets. */
    private void awaitAll(List<CompletableFuture<?>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get(props.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka acks", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the mapper's output of a batch of " + acks.size()
                    + " records; the batch will be redelivered: " + e.getMessage(), e);
        }
    }

    private static List<?> list(MessageHeaders h, String name) {
        return h.get(name) instanceof List<?> l ? l : null;
    }

    private static Object at(List<?> list, int i) {
        return list == null || i >= list.size() ? null : list.get(i);
    }

    private static byte[] key(Object header) {
        if (header instanceof byte[] b) {
            return b;
        }
        return header == null ? null : header.toString().getBytes(StandardCharsets.UTF_8);
    }
}
