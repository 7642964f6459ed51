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
 * and read back at start-up by scanning the topic to its end. The operator's pause lives there too, under its own
 * key ({@code <checkpoint key>#pause}), so a pause survives a restart and never races the per-page checkpoint writes.
 */
final class KafkaCheckpointStore implements CheckpointStore {

    private final KafkaTemplate<byte[], byte[]> kafka;
    private final Map<String, Object> consumerProps;
    private final String topic;
    private final byte[] key;
    private final byte[] pauseKey;

    /** Value of the pause key. */
    record PauseState(boolean paused, java.time.Instant changedAt) {
    }

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
        this.pauseKey = (key + "#pause").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Checkpoint load() {
        byte[] last = latest(key);
        if (last == null) {
            return null;
        }
        Checkpoint cp = RecordCodec.mapper().readValue(last, Checkpoint.class);
        return cp.version() == Checkpoint.VERSION ? cp : null;
    }

    @Override
    public boolean loadPaused() {
        byte[] last = latest(pauseKey);
        return last != null && RecordCodec.mapper().readValue(last, PauseState.class).paused();
    }

    @Override
    public void savePaused(boolean paused) {
        await(kafka.send(new ProducerRecord<>(topic, pauseKey,
                RecordCodec.write(new PauseState(paused, java.time.Instant.now())))), "pause state");
    }

    /** The value of the last record with {@code wanted} as key, or null. */
    private byte[] latest(byte[] wanted) {
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
                    if (r.key() != null && Arrays.equals(r.key(), wanted)) {
                        last = r.value();
                        found = true;
                    }
                }
            }
            return found ? last : null;
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
        await(saveAsync(checkpoint), "checkpoint");
    }

    private static void await(java.util.concurrent.CompletableFuture<?> ack, String what) {
        try {
            ack.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while saving the " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(what + " not acknowledged by Kafka: " + e.getMessage(), e);
        }
    }
}
