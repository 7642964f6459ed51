package io.entrascim.mapper.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class DeterministicIdsTest {
    @Test
    void matchesNameUuidFromBytes() {
        for (String name : new String[] {"mapper-service:ev-1:UPSERT", "", "mapper-service:Zoë:decision"}) {
            assertThat(DeterministicIds.of(name)).isEqualTo(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
        }
    }
}
