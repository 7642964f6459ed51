package io.entrascim.sink;

import io.entrascim.sink.core.EarlierDeliveries;
import io.entrascim.sink.core.InboundRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The batches the sink was handed, noted on the real PostgreSQL: what a record delivered again is told. */
class EarlierDeliveriesTest extends SinkTestBase {

    private static final Instant FIRST = Instant.parse("2026-12-04T10:00:00.123456Z");
    private static final Instant SECOND = FIRST.plusSeconds(60);
    private static final Instant THIRD = SECOND.plusSeconds(60);

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRecordDeliveredAgainIsToldWhenItsFirstDeliveryBegan() {
        EarlierDeliveries deliveries = new EarlierDeliveries(jdbc);
        String topic = "t-" + newId();
        List<InboundRecord> batch = records(topic, 0, 100, 5);

        assertThat(deliveries.note(batch, all(5), FIRST)).containsOnlyNulls();
        // delivered again from its third record (the first two were committed by a partial commit), then again
        List<InboundRecord> again = batch.subList(2, 5);
        assertThat(deliveries.note(again, all(3), SECOND)).containsExactly(FIRST, FIRST, FIRST);
        assertThat(deliveries.note(again, all(3), THIRD)).as("the earliest delivery").containsExactly(FIRST, FIRST, FIRST);
    }

    @Test
    void onlyTheSameRecordEligibleBothTimesIsAnswered() {
        EarlierDeliveries deliveries = new EarlierDeliveries(jdbc);
        String topic = "t-" + newId();
        List<InboundRecord> batch = records(topic, 3, 0, 3);
        boolean[] secondNotEligible = {true, false, true};
        deliveries.note(batch, secondNotEligible, FIRST);

        List<InboundRecord> again = new ArrayList<>(batch);
        // the same offset with another value: a re-created topic's record
        again.set(2, new InboundRecord(topic, 3, 2, "k2".getBytes(StandardCharsets.UTF_8), "other".getBytes(StandardCharsets.UTF_8)));
        Instant[] answered = deliveries.note(again, new boolean[]{false, true, true}, SECOND);

        assertThat(answered).as("not eligible now / not eligible then / another value").containsOnlyNulls();
    }

    @Test
    void aBatchForgetsTheCommittedBatchesOfItsPartitionOnly() {
        EarlierDeliveries deliveries = new EarlierDeliveries(jdbc);
        String topic = "t-" + newId();
        List<InboundRecord> early = records(topic, 0, 0, 3);
        List<InboundRecord> otherPartition = records(topic, 1, 0, 3);
        List<InboundRecord> both = new ArrayList<>(early);
        both.addAll(otherPartition);
        deliveries.note(both, all(6), FIRST);

        deliveries.note(records(topic, 0, 3, 3), all(3), SECOND);

        assertThat(jdbc.queryForObject("select count(*) from scim_sink.delivered_batch where topic = ?", Integer.class, topic))
                .as("partition 0's first batch was committed before its next one was delivered").isEqualTo(2);
        assertThat(deliveries.note(otherPartition, all(3), THIRD)).containsExactly(FIRST, FIRST, FIRST);
    }

    @Test
    void recordsHandedBackUnstartedAreNotToldOfThatDelivery() {
        EarlierDeliveries deliveries = new EarlierDeliveries(jdbc);
        String topic = "t-" + newId();
        List<InboundRecord> batch = records(topic, 2, 40, 4);
        deliveries.note(batch, all(4), FIRST);

        deliveries.notStarted(batch.subList(2, 4), FIRST);

        assertThat(deliveries.note(batch, all(4), SECOND)).containsExactly(FIRST, FIRST, null, null);
    }

    private static List<InboundRecord> records(String topic, int partition, long firstOffset, int n) {
        List<InboundRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long offset = firstOffset + i;
            out.add(new InboundRecord(topic, partition, offset, ("k" + offset).getBytes(StandardCharsets.UTF_8),
                    ("{\"command\":" + offset + "}").getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static boolean[] all(int n) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, true);
        return b;
    }
}
