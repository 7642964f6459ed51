package io.entrascim.sink;

import io.entrascim.contracts.Operation;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.testkit.scim.Fault;
import io.entrascim.testkit.scim.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Shared test configuration: retry schedule 2s then every 30s, sustained outage 4s. */
class QuarantineTest extends SinkTestBase {

    @LocalServerPort
    int port;
    @Autowired
    BindingsLifecycleController bindings;

    @Test
    void rejectedCredentialsQuarantineAndTheFirstSuccessfulAttemptLeavesIt() throws Exception {
        String id = newId();
        String userName = "quarantine-401-" + id + "@contoso.com";
        TARGET.clearRequests();
        TARGET.faults().next(1, Fault.status(401));
        ProvisioningCommand c = user(id, Operation.UPSERT, userName, Map.of("displayName", "Q"));
        send(c);
        JsonNode state = awaitState("QUARANTINED");
        assertThat(state.get("quarantine").get("reason").asString()).contains("EncounteredQuarantineException").contains("HTTP 401");
        assertThat(state.get("quarantine").get("seriesCount").asInt()).isZero();
        assertThat(state.get("pausedBy").toString()).contains("QUARANTINE");
        assertThat(paused()).isTrue();

        ProvisioningResult r = awaitResultFor(c);
        assertThat(r.status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(deadLettersFor(id)).isEmpty();
        assertThat(TARGET.userByUserName(userName)).isPresent();
        // the held command was tried again at the scheduled attempt (2 s), not hammered
        List<RecordedRequest> log = TARGET.requests();
        RecordedRequest rejected = log.stream().filter(q -> q.status() == 401).findFirst().orElseThrow();
        RecordedRequest next = log.get(log.indexOf(rejected) + 1);
        assertThat(Duration.between(rejected.at(), next.at())).isGreaterThan(Duration.ofMillis(1800));
        awaitState("RUNNING");
        await().atMost(Duration.ofSeconds(5)).until(() -> !paused());
    }

    @Test
    void sustainedServerErrorsQuarantineAndRecoveryLeavesIt() throws Exception {
        String id = newId();
        String userName = "quarantine-5xx-" + id + "@contoso.com";
        TARGET.faults().during(Duration.ofSeconds(5), Fault.status(503));
        ProvisioningCommand c = user(id, Operation.UPSERT, userName, Map.of("displayName", "Q"));
        send(c);
        JsonNode state = awaitState("QUARANTINED");
        assertThat(state.get("quarantine").get("reason").asString()).contains("EncounteredSustainedOutage");
        ProvisioningResult r = awaitResult(x -> x.changeId().equals(c.causingEventId()), Duration.ofSeconds(45));
        assertThat(r.status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(deadLettersFor(id)).isEmpty();
        awaitState("RUNNING");
    }

    @Test
    void operatorReleaseLeavesQuarantineBeforeTheNextScheduledAttempt() throws Exception {
        String id = newId();
        String userName = "quarantine-release-" + id + "@contoso.com";
        TARGET.faults().next(2, Fault.status(403));
        ProvisioningCommand c = user(id, Operation.UPSERT, userName, Map.of("displayName", "Q"));
        send(c);
        // first attempt after 2 s fails too: the next one is 30 s away
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode q = SinkApi.get(port, "/api/state").get("quarantine");
            return q != null && !q.isNull() && q.get("seriesCount").asInt() == 1;
        });
        Instant released = Instant.now();
        JsonNode after = SinkApi.post(port, "/api/quarantine/release", "");
        assertThat(after.get("provisioning").asString()).isNotEqualTo("QUARANTINED");
        ProvisioningResult r = awaitResult(x -> x.changeId().equals(c.causingEventId()), Duration.ofSeconds(20));
        assertThat(r.status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(Duration.between(released, Instant.now())).isLessThan(Duration.ofSeconds(15));
        assertThat(deadLettersFor(id)).isEmpty();
        awaitState("RUNNING");
    }

    private JsonNode awaitState(String provisioning) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = SinkApi.get(port, "/api/state");
            return provisioning.equals(last[0].get("provisioning").asString());
        });
        return last[0];
    }

    private boolean paused() {
        return bindings.queryState("scimCommands-in-0").stream().anyMatch(b -> b.isPaused());
    }
}
