package io.entrascim.sink;

import io.entrascim.contracts.Operation;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsTest extends SinkTestBase {

    @LocalServerPort
    int port;

    @Test
    void prometheusEndpointExposesRecordsPerTopicResultsLatencyRetriesBreakerQuarantineDeadLettersAndStagedDeletions() throws Exception {
        String id = newId();
        ProvisioningCommand c = user(id, Operation.UPSERT, "metrics-" + id + "@contoso.com", Map.of("displayName", "M"));
        send(c);
        assertThat(awaitResultFor(c).status()).isEqualTo(ProvisioningStatus.SUCCESS);

        String scrape = SinkApi.getText(port, "/actuator/prometheus");
        assertThat(scrape)
                .containsPattern("sink_results_total\\{action=\"CREATE\",status=\"SUCCESS\"} [1-9]")
                .containsPattern("sink_scim_requests_seconds_count\\{operation=\"create\",resource=\"USER\",status=\"201\"} [1-9]")
                .containsPattern("sink_scim_requests_seconds_sum\\{operation=\"find\",resource=\"USER\",status=\"200\"} ")
                .containsPattern("(?m)^sink_scim_retries_total \\d")
                .containsPattern("(?m)^sink_breaker_state \\d")
                .containsPattern("(?m)^sink_quarantine_active [01]")
                .containsPattern("(?m)^sink_paused [01]")
                .containsPattern("(?m)^sink_dead_letters_total \\d")
                .containsPattern("(?m)^sink_dead_letters_indexed \\d")
                .containsPattern("(?m)^sink_deletions_staged_total \\d")
                .containsPattern("(?m)^sink_deletions_held \\d")
                .containsPattern("sink_escrows_parked\\{kind=\"member\"} \\d")
                .containsPattern("sink_escrows_parked\\{kind=\"manager\"} \\d")
                .containsPattern("pipeline_records_total\\{direction=\"in\",topic=\"scim.commands.v1\"} [1-9]")
                .containsPattern("pipeline_records_total\\{direction=\"out\",topic=\"provisioning.results.v1\"} [1-9]")
                .containsPattern("pipeline_records_total\\{direction=\"out\",topic=\"scim.commands.v1.dlt\"} \\d");
    }
}
