package io.entrascim.contracts;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchedRecordTest {

    @Test
    void eachRecordTakesItsOwnElementOfTheListValuedHeaders() {
        byte[] a = "a".getBytes(StandardCharsets.UTF_8);
        byte[] b = "b".getBytes(StandardCharsets.UTF_8);
        List<BatchedRecord> records = BatchedRecord.of(List.of(a, b), List.of("t1", "t2"), List.of(0, 3), List.of(10L, 11L),
                List.of("k1".getBytes(StandardCharsets.UTF_8), "k2"), "default");

        assertThat(records).hasSize(2);
        assertThat(records.get(0).topic()).isEqualTo("t1");
        assertThat(records.get(1).partition()).isEqualTo(3);
        assertThat(records.get(1).offset()).isEqualTo(11L);
        assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("k1");
        assertThat(new String(records.get(1).key(), StandardCharsets.UTF_8)).isEqualTo("k2");
        assertThat(records.get(1).value()).isSameAs(b);
    }

    @Test
    void missingOrShortHeadersGiveTheDefaultsInsteadOfFailingTheBatch() {
        List<BatchedRecord> records = BatchedRecord.of(List.of(new byte[0], new byte[0]), null, List.of(1), "not a list",
                null, "entra.changes.v1");

        assertThat(records.get(0).topic()).isEqualTo("entra.changes.v1");
        assertThat(records.get(0).partition()).isEqualTo(1);
        assertThat(records.get(1).partition()).isEqualTo(-1);
        assertThat(records.get(0).offset()).isEqualTo(-1);
        assertThat(records.get(0).key()).isNull();
    }
}
