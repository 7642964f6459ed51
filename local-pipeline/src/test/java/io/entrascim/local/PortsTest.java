package io.entrascim.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void freePortsOfOneStackAreAllDifferent() {
        for (int round = 0; round < 20; round++) {
            Ports p = Ports.free();
            assertThat(p.all()).hasSize(9);
        }
        int[] many = Ports.distinctFreePorts(200);
        assertThat(Arrays.stream(many).boxed().collect(Collectors.toSet())).hasSize(200);
    }

    @Test
    void anExtraInstancePortIsNoneOfTheStacksPorts() {
        Set<Integer> taken = new HashSet<>(Ports.free().all());
        for (int i = 0; i < 50; i++) {
            int port = Ports.freePortOtherThan(taken);
            assertThat(taken).doesNotContain(port);
            taken.add(port);
        }
    }
}
