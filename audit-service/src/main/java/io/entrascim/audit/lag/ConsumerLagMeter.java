package io.entrascim.audit.lag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Measures consumer lag from outside the consumers, with the Admin API only: a consumer that is dead, stuck or
 * rebalancing cannot report its own lag, but its committed offsets and the topics' end offsets still tell it.
 * Per (group, topic): lag = sum over partitions of (end offset - committed offset); a partition the group never
 * committed counts from its beginning offset.
 */
public class ConsumerLagMeter {

    private final Admin admin;
    private final List<LagProperties.Target> targets;
    private final Duration timeout;
    private final Clock clock;

    public ConsumerLagMeter(Admin admin, List<LagProperties.Target> targets, Duration timeout, Clock clock) {
        this.admin = admin;
        this.targets = List.copyOf(targets);
        this.timeout = timeout;
        this.clock = clock;
    }

    public List<LagProperties.Target> targets() {
        return targets;
    }

    /** Never throws for Kafka trouble: the report carries the reason on each entry instead. */
    public LagReport measure() {
        Instant measuredAt = clock.instant();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Set<String> topicNames = new LinkedHashSet<>();
            targets.forEach(t -> topicNames.add(t.topic()));
            Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topicNames).topicNameValues();
            Map<String, List<TopicPartition>> partitionsByTopic = new HashMap<>();
            Map<String, String> topicErrors = new HashMap<>();
            for (String topic : topicNames) {
                try {
                    TopicDescription d = await(described.get(topic), deadline);
                    partitionsByTopic.put(topic, d.partitions().stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .sorted(Comparator.comparingInt(TopicPartition::partition)).toList());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw e;
                    }
                    topicErrors.put(topic, "topic " + topic + " does not exist");
                }
            }
            List<TopicPartition> all = partitionsByTopic.values().stream().flatMap(Collection::stream).toList();
            Map<TopicPartition, Long> ends = offsets(all, OffsetSpec.latest(), deadline);
            Map<TopicPartition, Long> beginnings = offsets(all, OffsetSpec.earliest(), deadline);
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committedByGroup = new HashMap<>();
            for (LagProperties.Target t : targets) {
                if (!committedByGroup.containsKey(t.group())) {
                    Map<TopicPartition, OffsetAndMetadata> committed = await(
                            admin.listConsumerGroupOffsets(t.group()).partitionsToOffsetAndMetadata(), deadline);
                    committedByGroup.put(t.group(), committed);
                }
            }
            List<LagReport.GroupLag> groups = new ArrayList<>(targets.size());
            for (LagProperties.Target t : targets) {
                String topicError = topicErrors.get(t.topic());
                if (topicError != null) {
                    groups.add(LagReport.GroupLag.failed(t, topicError));
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> committed = committedByGroup.get(t.group());
                List<LagReport.PartitionLag> partitions = new ArrayList<>();
                for (TopicPartition tp : partitionsByTopic.get(t.topic())) {
                    OffsetAndMetadata c = committed.get(tp);
                    long end = ends.get(tp);
                    Long committedOffset = c == null ? null : c.offset();
                    long from = committedOffset == null ? beginnings.get(tp) : committedOffset;
                    partitions.add(new LagReport.PartitionLag(tp.partition(), committedOffset, end, Math.max(0, end - from)));
                }
                groups.add(LagReport.GroupLag.measured(t, partitions));
            }
            return new LagReport(measuredAt, groups);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(measuredAt, "interrupted while reading offsets from Kafka");
        } catch (TimeoutException e) {
            return failed(measuredAt, "Kafka unreachable: no answer within " + timeout);
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return failed(measuredAt, "Kafka error: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    private LagReport failed(Instant measuredAt, String error) {
        return new LagReport(measuredAt, targets.stream().map(t -> LagReport.GroupLag.failed(t, error)).toList());
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> infos = await(admin.listOffsets(request).all(), deadline);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        infos.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    private static <T> T await(KafkaFuture<T> future, long deadlineNanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        long left = Math.max(1, deadlineNanos - System.nanoTime());
        return future.get(left, TimeUnit.NANOSECONDS);
    }
}
