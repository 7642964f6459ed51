package io.entrascim.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class JitCpuMeterTest {

    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void findsThisJvmsCompilerThreadsByThreadId() {
        Map<Long, Long> threads = ProcFigures.compilerThreadTicks(SELF);

        assertThat(threads).isNotEmpty();
        assertThat(threads.keySet()).allSatisfy(tid -> assertThat(tid).isNotEqualTo(SELF));
        assertThat(threads.values()).allSatisfy(ticks -> assertThat(ticks).isNotNegative());
    }

    @Test
    void aProcessThatIsGoneHasNoCompilerThreads() {
        assertThat(ProcFigures.compilerThreadTicks(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void reportsEveryJvmAndNeverBelowZero() throws Exception {
        try (JitCpuMeter meter = new JitCpuMeter(Map.of("self", SELF, "gone", Long.MAX_VALUE))) {
            assertThat(meter.secondsSoFar()).containsEntry("gone", 0.0);
            Thread.sleep(1_100);
            assertThat(meter.secondsSoFar().get("self")).isNotNegative();
            assertThat(meter.secondsSoFar()).containsEntry("gone", 0.0);
        }
    }
}
