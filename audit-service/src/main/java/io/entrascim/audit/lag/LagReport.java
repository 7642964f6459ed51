package io.entrascim.audit.lag;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One measurement of every configured (group, topic): the body of {@code GET /api/pipeline/lag}.
 *
 * @param measuredAt when the offsets were read
 * @param groups     one entry per configured (group, topic), in configuration order
 */
public record LagReport(Instant measuredAt, List<GroupLag> groups) {

    /**
     * Lag of one group on one topic. Either {@code lag} and {@code partitions} or {@code error} is set.
     *
     * @param lag        sum over the partitions of end offset minus committed offset
     * @param partitions per partition
     * @param error      why the lag could not be measured (Kafka unreachable, topic missing)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GroupLag(String group, String topic, Long lag, List<PartitionLag> partitions, String error) {

        static GroupLag measured(LagProperties.Target target, List<PartitionLag> partitions) {
            long total = partitions.stream().mapToLong(PartitionLag::lag).sum();
            return new GroupLag(target.group(), target.topic(), total, partitions, null);
        }

        static GroupLag failed(LagProperties.Target target, String error) {
            return new GroupLag(target.group(), target.topic(), null, null, error);
        }
    }

    /**
     * @param committed the group's committed offset, {@code null} when it has none (the lag then counts from the
     *                  partition's beginning offset, as a new consumer with auto.offset.reset=earliest would)
     * @param end       the partition's end offset (the next offset to be written)
     * @param lag       {@code end - committed}, or {@code end - beginning} without a committed offset
     */
    public record PartitionLag(int partition, Long committed, long end, long lag) {
    }
}
