package io.entrascim.source;

import io.entrascim.contracts.RecordCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Checkpoints as the latest record per key on a compacted topic ({@code entra.checkpoints.v1}): saved with acks=all
 * and read back at start-up by scanning the topic to its end.
 */
final class KafkaCheckpointStore implements CheckpointStore {

    private final KafkaTemplate<byte[], byte[]> kafka;
    private final Map<String, Object> consumerProps;
    private final String topic;
    private final byte[] key;

    KafkaCheckpointStore(KafkaTemplate<byte[], byte[]> kafka, Map<String, Object> consumerProps, String topic, String key) {
        this.kafka = kafka;
        this.consumerProps = new HashMap<>(consumerProps);
        this.consumerProps.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.topic = topic;
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Checkpoint load() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                parts.add(new TopicPartition(topic, p.partition()));
            }
            if (parts.isEmpty()) {
                return null;
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(30));
            byte[] last = null;
            boolean found = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out reading checkpoints from " + topic);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null && Arrays.equals(r.key(), key)) {
                        last = r.value();
                        found = true;
                    }
                }
            }
            if (!found || last == null) {
                return null;
            }
            Checkpoint cp = RecordCodec.mapper().readValue(last, Checkpoint.class);
            return cp.version() == Checkpoint.VERSION ? cp : null;
        }
    }

    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public java.util.concurrent.CompletableFuture<?> saveAsync(Checkpoint checkpoint) {
        return kafka.send(new ProducerRecord<>(topic, key, RecordCodec.write(checkpoint)));
    }

    @Override
    public void save(Checkpoint checkpoint) {
        try {
            saveAsync(checkpoint).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while saving the checkpoint", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("checkpoint not acknowledged by Kafka: " + e.getMessage(), e);
        }
    }
}
