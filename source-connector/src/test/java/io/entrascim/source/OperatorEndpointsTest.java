package io.entrascim.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrascim.contracts.ChangeEvent;
import io.entrascim.contracts.ChangeKind;
import io.entrascim.contracts.CycleOrigin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OperatorEndpointsTest extends ConnectorTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    SyncEngine engine;

    @Test
    void triggerRunsACycleAndStatusReportsIt() throws Exception {
        String before = lastCycleId();
        HttpResponse<String> r = call("POST", "/api/cycles/trigger", null);
        assertThat(r.statusCode()).isEqualTo(202);
        JsonNode status = awaitNewCycle(before);
        assertThat(status.path("lastCycle").path("outcome").asString()).isEqualTo("COMPLETED");
        assertThat(status.path("hasWatermark").asBoolean()).isTrue();
        assertThat(status.path("syncScope").asString()).isEqualTo("assigned");
    }

    @Test
    void graphChangeNotificationsValidateTheSubscriptionAndTriggerACycle() throws Exception {
        HttpResponse<String> handshake = call("POST", "/api/graph-notifications?validationToken=Validation%3A%20abc", null);
        assertThat(handshake.statusCode()).isEqualTo(200);
        assertThat(handshake.body()).isEqualTo("Validation: abc");
        assertThat(handshake.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        String before = lastCycleId();
        String id = TENANT.createUser("notified@demo.entrascim.io", "Notified");
        assertThat(call("POST", "/api/graph-notifications", "{\"value\":[{\"changeType\":\"updated\"}]}").statusCode())
                .isEqualTo(202);
        JsonNode status = awaitNewCycle(before);
        assertThat(changes(Set.of(status.path("lastCycle").path("cycleId").asString())))
                .anyMatch(e -> e.objectId().equals(id));
    }

    @Test
    void provisionOnDemandReadsTheUserNowAndPublishesIt() throws Exception {
        String id = TENANT.createUser("ondemand@demo.entrascim.io", "On Demand");
        HttpResponse<String> r = call("POST", "/api/provision-on-demand", "{\"userPrincipalName\":\"ondemand@demo.entrascim.io\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("objectId").asString()).isEqualTo(id);
        ChangeEvent e = changes(Set.of(body.path("cycleId").asString())).get(0);
        assertThat(e.origin()).isEqualTo(CycleOrigin.ON_DEMAND);
        assertThat(e.kind()).isEqualTo(ChangeKind.UPSERT);
        assertThat(e.attributes()).containsEntry("displayName", "On Demand");
        assertThat(e.assignment().evaluated()).isTrue();

        String group = TENANT.assignedPrincipals().get(0);
        HttpResponse<String> g = call("POST", "/api/provision-on-demand", "{\"id\":\"" + group + "\"}");
        assertThat(g.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(g.body()).path("members").asInt()).isEqualTo(TENANT.members(group).size());
        assertThat(JSON.readTree(g.body()).path("assignment").path("assigned").asBoolean()).isTrue();

        assertThat(call("POST", "/api/provision-on-demand", "{\"id\":\"no-such-object\"}").statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/provision-on-demand", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void pauseBlocksTriggersUntilResumeAndRestartRerunsTheInitialCycle() throws Exception {
        HttpResponse<String> pause = call("POST", "/api/pause", null);
        assertThat(pause.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(pause.body()).path("persisted").asBoolean()).isTrue();
        assertThat(call("POST", "/api/cycles/trigger", null).statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(call("GET", "/api/status", null).body()).path("paused").asBoolean()).isTrue();
        String before = lastCycleId();
        assertThat(call("POST", "/api/resume", null).statusCode()).isEqualTo(200);
        awaitNewCycle(before);

        assertThat(call("POST", "/api/restart?scope=everything", null).statusCode()).isEqualTo(400);
        String beforeRestart = lastCycleId();
        assertThat(call("POST", "/api/restart?scope=watermark", null).statusCode()).isEqualTo(202);
        JsonNode status = awaitNewCycle(beforeRestart);
        assertThat(status.path("lastCycle").path("origin").asString()).isEqualTo("INITIAL");
        assertThat(changes(Set.of(status.path("lastCycle").path("cycleId").asString())))
                .hasSizeGreaterThanOrEqualTo(TENANT.userCount());
    }

    @Test
    void prometheusCountsProducedRecordsPerTopicAndShowsCycleProgress() throws Exception {
        Map<String, Double> before = scrape();
        String previous = lastCycleId();
        TENANT.createUser("metrics@demo.entrascim.io", "Metrics");
        assertThat(call("POST", "/api/cycles/trigger", null).statusCode()).isEqualTo(202);
        JsonNode status = awaitNewCycle(previous);
        String cycleId = status.path("lastCycle").path("cycleId").asString();
        String changes = "pipeline_records_total{direction=\"out\",topic=\"entra.changes.v1\"}";
        String cycles = "pipeline_records_total{direction=\"out\",topic=\"entra.cycles.v1\"}";
        String checkpoints = "pipeline_records_total{direction=\"out\",topic=\"entra.checkpoints.v1\"}";
        int markers = markers(cycleId).size();
        // The producer completes a send's future just before it calls the listener that counts it: allow a moment.
        Map<String, Double> after = scrape();
        for (int i = 0; i < 50 && after.getOrDefault(cycles, 0.0) - before.getOrDefault(cycles, 0.0) < markers; i++) {
            Thread.sleep(100);
            after = scrape();
        }
        assertThat(after.get(changes) - before.getOrDefault(changes, 0.0)).as("one per event of the cycle")
                .isEqualTo(changes(Set.of(cycleId)).size());
        assertThat(after.get(cycles) - before.getOrDefault(cycles, 0.0)).as("one per marker of the cycle")
                .isEqualTo(markers);
        assertThat(after.get(checkpoints)).isGreaterThan(before.getOrDefault(checkpoints, 0.0));

        SyncEngine.CycleReport last = engine.lastCompleted();
        assertThat(last.cycleId()).isEqualTo(cycleId);
        assertThat(after.get("source_cycle_last_completed")).isEqualTo((double) last.finishedAt().getEpochSecond());
        assertThat(after.get("source_cycle_last_duration_seconds")).isCloseTo(last.duration().toNanos() / 1e9,
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(after).as("no cycle runs now").containsEntry("source_cycle_objects{kind=\"initial\"}", 0.0)
                .containsEntry("source_cycle_objects{kind=\"incremental\"}", 0.0).containsKey("source_cycle_expected");
    }

    /** Every sample of /actuator/prometheus: series (name + labels as printed) -> value. */
    private Map<String, Double> scrape() throws Exception {
        HttpResponse<String> r = call("GET", "/actuator/prometheus", null);
        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, Double> out = new java.util.HashMap<>();
        for (String line : r.body().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                int space = line.lastIndexOf(' ');
                out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return out;
    }

    private String lastCycleId() {
        SyncEngine.CycleReport r = engine.lastReport();
        return r == null ? null : r.cycleId();
    }

    private JsonNode awaitNewCycle(String previous) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode s = JSON.readTree(call("GET", "/api/status", null).body());
            String id = s.path("lastCycle").path("cycleId").asString(null);
            if (id != null && !id.equals(previous) && !s.path("running").asBoolean()) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no new cycle completed within 30 s");
    }

    private HttpResponse<String> call(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json");
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
