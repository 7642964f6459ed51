package io.entrascim.audit.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CycleProgressPercentTest {

    @Test
    void unknownExpectedCountGivesNoPercentInsteadOfFailing() {
        assertThat(CycleProgressReader.percentComplete(42, -1)).isNull();
    }

    @Test
    void emptyCycleIsComplete() {
        assertThat(CycleProgressReader.percentComplete(0, 0)).isEqualTo(100.0);
    }

    @Test
    void percentIsRoundedToOneDecimalAndCappedAtHundred() {
        assertThat(CycleProgressReader.percentComplete(1, 3)).isEqualTo(33.3);
        assertThat(CycleProgressReader.percentComplete(5, 3)).isEqualTo(100.0);
    }
}
