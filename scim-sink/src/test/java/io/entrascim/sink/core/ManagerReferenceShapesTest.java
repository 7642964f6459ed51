package io.entrascim.sink.core;

import io.entrascim.contracts.AttributeFlow;
import io.entrascim.contracts.TargetAttribute;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManagerReferenceShapesTest {

    private static TargetAttribute manager(Object value) {
        return new TargetAttribute(ManagerReference.ATTRIBUTE, value, AttributeFlow.ALWAYS, false);
    }

    @Test
    void entraIdIsReadFromStringGraphScimAndDeltaListShapes() {
        assertThat(ManagerReference.sourceId(manager("m-1"))).isEqualTo("m-1");
        assertThat(ManagerReference.sourceId(manager(Map.of("id", "m-2", "@odata.type", "#microsoft.graph.user")))).isEqualTo("m-2");
        assertThat(ManagerReference.sourceId(manager(Map.of("value", "m-3")))).isEqualTo("m-3");
        assertThat(ManagerReference.sourceId(manager(List.of(Map.of("id", "m-4"))))).isEqualTo("m-4");
        assertThat(ManagerReference.sourceId(manager(List.of()))).isNull();
        assertThat(ManagerReference.sourceId(manager(" "))).isNull();
    }

    @Test
    void severalManagersOrAnUnknownShapeAreRejectedNamingTheAttribute() {
        assertThatThrownBy(() -> ManagerReference.sourceId(manager(List.of("a", "b"))))
                .hasMessageContaining(ManagerReference.ATTRIBUTE).hasMessageContaining("2 managers");
        assertThatThrownBy(() -> ManagerReference.sourceId(manager(42)))
                .hasMessageContaining(ManagerReference.ATTRIBUTE);
    }
}
