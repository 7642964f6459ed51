package io.entrascim.local.bench;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.entrascim.contracts.Topics;

/**
 * Where the work waits: per stage, records produced to its input topic and records its consumer group has not
 * committed yet. The stage with the growing backlog is the slowest one.
 */
final class Backlog implements AutoCloseable {

    /** consumer group -> the topic it reads */
    private static final Map<String, String> STAGES = new LinkedHashMap<>();

    static {
        STAGES.put("mapper-service", Topics.CHANGES);
        STAGES.put("scim-sink", Topics.COMMANDS);
        STAGES.put("audit-service", Topics.RESULTS);
    }

    private final Admin admin;

    Backlog(String bootstrap) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000));
    }

    /** stage -> {produced, backlog}; empty values while a topic or group does not exist yet. */
    Map<String, long[]> sample() {
        Map<String, long[]> out = new LinkedHashMap<>();
        try {
            Map<String, org.apache.kafka.clients.admin.TopicDescription> topics = admin.describeTopics(List.copyOf(STAGES.values()))
                    .allTopicNames().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            topics.values().forEach(d -> d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
            for (Map.Entry<String, String> stage : STAGES.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(stage.getKey())
                        .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
                long produced = 0;
                long backlog = 0;
                for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : ends.entrySet()) {
                    if (!e.getKey().topic().equals(stage.getValue())) {
                        continue;
                    }
                    produced += e.getValue().offset();
                    OffsetAndMetadata c = committed.get(e.getKey());
                    backlog += e.getValue().offset() - (c == null ? 0 : c.offset());
                }
                out.put(stage.getKey(), new long[] {produced, backlog});
            }
        } catch (Exception e) {
            // topics are created lazily; an empty sample is fine early on
        }
        return out;
    }

    /**
     * True once every stage's consumer group has all partitions of its input topic assigned, among at least as many
     * consumers as {@code minimumMembers} gives for it: the state of a deployed pipeline when a cycle starts. Until
     * then the first records would wait for a group join, or a later instance's join would move partitions mid-cycle.
     */
    boolean everyStageAssigned(Map<String, Integer> minimumMembers) {
        try {
            Map<String, org.apache.kafka.clients.admin.TopicDescription> topics = admin.describeTopics(List.copyOf(STAGES.values()))
                    .allTopicNames().get(5, TimeUnit.SECONDS);
            Map<String, org.apache.kafka.clients.admin.ConsumerGroupDescription> groups = admin
                    .describeConsumerGroups(List.copyOf(STAGES.keySet())).all().get(5, TimeUnit.SECONDS);
            for (Map.Entry<String, String> stage : STAGES.entrySet()) {
                if (groups.get(stage.getKey()).members().size() < minimumMembers.getOrDefault(stage.getKey(), 1)) {
                    return false;
                }
                long assigned = groups.get(stage.getKey()).members().stream()
                        .flatMap(m -> m.assignment().topicPartitions().stream())
                        .filter(tp -> tp.topic().equals(stage.getValue())).distinct().count();
                if (assigned < topics.get(stage.getValue()).partitions().size()) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    static String format(Map<String, long[]> sample) {
        StringBuilder sb = new StringBuilder();
        sample.forEach((stage, v) -> sb.append(stage).append(" in ").append(v[0]).append(" waiting ").append(v[1]).append("; "));
        return sb.toString();
    }

    @Override
    public void close() {
        admin.close();
    }
}
