package io.entrascim.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import io.entrascim.contracts.ProvisioningStatus;
import org.junit.jupiter.api.Test;

class SqlConditionTest {

    @Test
    void bindsValuesAndNeverSplicesThem() {
        LogFilter f = new LogFilter(null, null, Set.of(ProvisioningStatus.FAILURE), Set.of(), null, "x' or '1'='1",
                null, null, "50%_off", null, null, null, null, null);
        SqlCondition c = SqlCondition.of(f);
        assertThat(c.sql()).doesNotContain("or '1'").doesNotContain("50");
        assertThat(c.args()).containsExactly("FAILURE", "x' or '1'='1", "%50\\%\\_off%");
    }
}
