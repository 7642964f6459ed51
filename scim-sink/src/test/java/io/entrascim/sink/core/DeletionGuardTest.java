package io.entrascim.sink.core;

import io.entrascim.contracts.CycleOrigin;
import io.entrascim.contracts.ObjectType;
import io.entrascim.contracts.Operation;
import io.entrascim.contracts.ProvisioningCommand;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.entrascim.sink.core.DeletionGuard.Verdict.PASS;
import static io.entrascim.sink.core.DeletionGuard.Verdict.STAGE;
import static org.assertj.core.api.Assertions.assertThat;

class DeletionGuardTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static ProvisioningCommand cmd(Operation op, String cycle) {
        String id = UUID.randomUUID().toString();
        return new ProvisioningCommand(ProvisioningCommand.VERSION, id, id, cycle, CycleOrigin.INCREMENTAL, ObjectType.USER,
                id, "x", op, List.of(), List.of(), List.of(), T0, null);
    }

    @Test
    void thresholdthDeletionInOneCycleTripsAndLaterDeletionsAreStagedButUpsertsPass() {
        DeletionGuard g = new DeletionGuard(new DeletionGuard.Settings(true, 3, Duration.ofHours(1)), 0);
        assertThat(g.admit(cmd(Operation.DISABLE, "c1"), T0)).isEqualTo(PASS);
        assertThat(g.admit(cmd(Operation.DELETE, "c1"), T0)).isEqualTo(PASS);
        assertThat(g.admit(cmd(Operation.DELETE, "c1"), T0)).isEqualTo(STAGE);
        assertThat(g.state(T0).reason()).contains("cycle c1").contains("threshold 3");
        assertThat(g.admit(cmd(Operation.DISABLE, "c2"), T0)).isEqualTo(STAGE);
        assertThat(g.admit(cmd(Operation.UPSERT, "c2"), T0)).isEqualTo(PASS);
    }

    @Test
    void incrementalDeletionsSpreadOverCyclesTripTheSlidingWindow() {
        DeletionGuard g = new DeletionGuard(new DeletionGuard.Settings(true, 3, Duration.ofHours(1)), 0);
        assertThat(g.admit(cmd(Operation.DELETE, "a"), T0)).isEqualTo(PASS);
        assertThat(g.admit(cmd(Operation.DELETE, "b"), T0.plusSeconds(60))).isEqualTo(PASS);
        // the first one left the window
        assertThat(g.admit(cmd(Operation.DELETE, "c"), T0.plusSeconds(3601))).isEqualTo(PASS);
        assertThat(g.admit(cmd(Operation.DELETE, "d"), T0.plusSeconds(3602))).isEqualTo(STAGE);
        assertThat(g.state(T0.plusSeconds(3602)).reason()).contains("within PT1H");
    }

    @Test
    void resetAfterTheOperatorsDecisionCountsFromZeroUnlessDeletionsAreStillHeld() {
        DeletionGuard g = new DeletionGuard(new DeletionGuard.Settings(true, 2, Duration.ofHours(1)), 0);
        g.admit(cmd(Operation.DELETE, "c"), T0);
        assertThat(g.admit(cmd(Operation.DELETE, "c"), T0)).isEqualTo(STAGE);
        g.reset(0);
        assertThat(g.tripped()).isFalse();
        assertThat(g.admit(cmd(Operation.DELETE, "c"), T0)).isEqualTo(PASS);
        g.reset(1);
        assertThat(g.admit(cmd(Operation.DELETE, "c"), T0)).isEqualTo(STAGE);
    }

    @Test
    void heldDeletionsFromBeforeARestartKeepItTrippedAndZeroOrDisabledMeansOff() {
        assertThat(new DeletionGuard(new DeletionGuard.Settings(true, 5, Duration.ofHours(1)), 2).tripped()).isTrue();
        DeletionGuard off = new DeletionGuard(new DeletionGuard.Settings(true, 0, Duration.ofHours(1)), 0);
        DeletionGuard disabled = new DeletionGuard(new DeletionGuard.Settings(false, 1, Duration.ofHours(1)), 0);
        for (int i = 0; i < 5; i++) {
            assertThat(off.admit(cmd(Operation.DELETE, "c"), T0)).isEqualTo(PASS);
            assertThat(disabled.admit(cmd(Operation.DELETE, "c"), T0)).isEqualTo(PASS);
        }
    }
}
