package io.entrascim.audit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.entrascim.audit.store.LogFilter;
import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.ReportingService;
import org.junit.jupiter.api.Test;

class LogQueryParamsTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    private static LogQueryParams params(String from, String status, String action, String reportedBy) {
        return new LogQueryParams(from, null, status, action, null, null, null, null, null, null, null, null, null, reportedBy);
    }

    @Test
    void acceptsGraphSpellingsListsAndRelativeTimes() {
        LogFilter f = params("P7D", "Failure, skipped", "stagedDelete,CREATE", "scim_sink").toFilter(clock);
        assertThat(f.from()).isEqualTo(Instant.parse("2026-11-21T12:00:00Z"));
        assertThat(f.statuses()).containsExactlyInAnyOrder(ProvisioningStatus.FAILURE, ProvisioningStatus.SKIPPED);
        assertThat(f.actions()).containsExactlyInAnyOrder(ProvisioningAction.STAGED_DELETE, ProvisioningAction.CREATE);
        assertThat(f.reportedBy()).isEqualTo(ReportingService.SCIM_SINK);
    }

    @Test
    void namesTheParameterAndTheAcceptedValues() {
        assertThatThrownBy(() -> params(null, "done", null, null).toFilter(clock))
                .hasMessage("status: 'done' is not one of [success, failure, skipped, warning]");
        assertThatThrownBy(() -> params("last week", null, null, null).toFilter(clock)).hasMessageStartingWith("from:");
        assertThatThrownBy(() -> params(null, null, "purge", null).toFilter(clock)).hasMessageStartingWith("action:");
    }
}
