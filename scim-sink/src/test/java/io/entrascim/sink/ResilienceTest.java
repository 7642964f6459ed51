package io.entrascim.sink;

import io.entrascim.contracts.Operation;
import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.testkit.scim.Fault;
import io.entrascim.testkit.scim.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ResilienceTest extends SinkTestBase {

    /** Outage length (the 30 s by default; a sleeping test costs no CPU). */
    private static final Duration OUTAGE = Duration.parse(System.getProperty("sink.test.outage", "PT30S"));

    @Autowired
    BindingsLifecycleController bindings;

    @Test
    void throttlingStormIsHonouredWithoutDeadLettering() {
        String id = newId();
        String userName = "storm-" + id + "@contoso.com";
        TARGET.clearRequests();
        TARGET.faults().next(3, Fault.tooManyRequests(Duration.ofSeconds(1)));
        ProvisioningCommand c = user(id, Operation.UPSERT, userName, Map.of("displayName", "Storm"));
        send(c);
        ProvisioningResult r = awaitResultFor(c);
        assertThat(r.status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(r.action()).isEqualTo(ProvisioningAction.CREATE);
        assertThat(deadLettersFor(id)).isEmpty();
        List<RecordedRequest> log = TARGET.requests();
        for (int i = 0; i < log.size() - 1; i++) {
            if (log.get(i).status() == 429) {
                // Retry-After: 1 -> the next attempt comes at least ~1 s later.
                assertThat(Duration.between(log.get(i).at(), log.get(i + 1).at())).isGreaterThan(Duration.ofMillis(900));
            }
        }
        assertThat(log).filteredOn(q -> q.status() == 429).hasSize(3);
        assertThat(TARGET.userByUserName(userName)).isPresent();
    }

    @Test
    void targetDownThenBackLosesNothingAndPausesConsumption() {
        String id = newId();
        String userName = "outage-" + id + "@contoso.com";
        Instant start = Instant.now();
        TARGET.faults().during(OUTAGE, Fault.status(503));
        ProvisioningCommand c = user(id, Operation.UPSERT, userName, Map.of("displayName", "Outage"));
        send(c);
        await().atMost(OUTAGE.minusSeconds(1)).pollInterval(Duration.ofMillis(50)).until(this::paused);
        ProvisioningResult r = awaitResult(x -> x.changeId().equals(c.causingEventId()), OUTAGE.plusSeconds(30));
        assertThat(r.status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(OUTAGE);
        assertThat(deadLettersFor(id)).isEmpty();
        assertThat(TARGET.userByUserName(userName)).isPresent();
        await().atMost(Duration.ofSeconds(10)).until(() -> !paused());
    }

    private boolean paused() {
        return bindings.queryState("scimCommands-in-0").stream().anyMatch(b -> b.isPaused());
    }

    @Test
    void transientServerErrorsAndDroppedConnectionsAreRetried() {
        String id = newId();
        TARGET.faults().next(1, Fault.status(500)).next(1, Fault.dropConnection().onlyFor("POST"));
        ProvisioningCommand c = user(id, Operation.UPSERT, "flaky-" + id + "@contoso.com", Map.of());
        send(c);
        assertThat(awaitResultFor(c).status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(deadLettersFor(id)).isEmpty();
    }

    @Test
    void conflictOnCreateRematchesAndLinksTheObjectCreatedMeanwhile() throws Exception {
        String id = newId();
        String userName = "race-" + id + "@contoso.com";
        int injected = TARGET.faults().injectedCount();
        // The sink's POST is held in the target while another client creates the same userName.
        TARGET.faults().next(1, Fault.slow(Duration.ofMillis(800)).onlyFor("POST"));
        ProvisioningCommand c = user(id, Operation.UPSERT, userName, Map.of("displayName", "Race"));
        send(c);
        await().atMost(Duration.ofSeconds(20)).until(() -> TARGET.faults().injectedCount() > injected);
        HttpResponse<String> other = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(TARGET.baseUrl() + "/Users"))
                .header("Authorization", "Bearer " + TARGET.token()).header("Content-Type", "application/scim+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                        + "\"userName\":\"" + userName + "\",\"displayName\":\"JIT\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(201);
        ProvisioningResult r = awaitResultFor(c);
        assertThat(r.status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(r.action()).isEqualTo(ProvisioningAction.UPDATE);
        assertThat(r.steps()).anyMatch(s -> s.description().contains("409"));
        assertThat(r.modifiedProperties()).extracting(m -> m.displayName()).containsExactly("displayName");
        assertThat(TARGET.users().stream().filter(u -> userName.equals(u.get("userName")))).hasSize(1);
        assertThat(TARGET.userByUserName(userName).orElseThrow().get("displayName")).isEqualTo("Race");
        assertThat(deadLettersFor(id)).isEmpty();
    }
}
