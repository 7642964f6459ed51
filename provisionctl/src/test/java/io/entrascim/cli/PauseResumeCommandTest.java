package io.entrascim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class PauseResumeCommandTest {

    private StandIn source;
    private StandIn sink;

    /** The sink's operator pause, as its database keeps it across restarts of the sink. */
    private final AtomicBoolean operatorPause = new AtomicBoolean();
    /** The stored pause's who and why, from the body of the last POST /api/pause (the real sink stores them). */
    private final AtomicReference<JsonNode> pauseRequest = new AtomicReference<>();

    private String sinkState() {
        if (!operatorPause.get()) {
            return Shapes.sinkState("RUNNING", null, false, 0);
        }
        JsonNode p = pauseRequest.get();
        return p == null ? Shapes.sinkState("PAUSED", null, false, 0, "OPERATOR")
                : Shapes.sinkStatePausedByOperator(p.path("by").asString(null), p.path("reason").asString(null), "2026-11-28T09:00:00Z");
    }

    @BeforeEach
    void start() {
        sink = StandIn.start()
                .on("GET", "/api/state", r -> new StandIn.Reply(200, sinkState()))
                .on("POST", "/api/pause", r -> {
                    operatorPause.set(true);
                    pauseRequest.set(r.body().isEmpty() ? null : Json.MAPPER.readTree(r.body()));
                    return new StandIn.Reply(200, sinkState());
                })
                .on("POST", "/api/resume", r -> {
                    operatorPause.set(false);
                    return new StandIn.Reply(200, sinkState());
                });
        source = StandIn.start()
                .on("POST", "/api/pause", 200, "{\"paused\":true}")
                .on("POST", "/api/resume", 200, "{\"paused\":false}");
    }

    @AfterEach
    void stop() {
        source.close();
        sink.close();
    }

    private String[] args(String command, String... more) {
        String[] base = {command, "--source-url", source.url(), "--sink-url", sink.url(), "--sink-token", "op"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void pauseStopsScimWritesOnlyAndLeavesSourcePollingAlone() {
        Cli r = Cli.run(args("pause", "-o", "json"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.json().path("sink").path("provisioning").asString()).isEqualTo("PAUSED");
        assertThat(r.json().path("sink").path("pausedBy").get(0).asString()).isEqualTo("OPERATOR");
        assertThat(r.json().has("source")).isFalse();
        assertThat(r.json().path("sinkWasPaused").asBoolean()).isFalse();
        assertThat(sink.requests()).extracting(StandIn.Request::path).containsExactly("/api/state", "/api/pause");
        assertThat(sink.last("POST", "/api/pause").header("Authorization")).isEqualTo("Bearer op");
        assertThat(sink.last("GET", "/api/state").header("Authorization")).isEqualTo("Bearer op");
        assertThat(source.requests()).isEmpty();

        operatorPause.set(false);
        Cli text = Cli.run(args("pause"));
        assertThat(text.out()).contains("SCIM writes paused (scim-sink at " + sink.url() + "): PAUSED (paused by OPERATOR)")
                .contains("Source polling continues: changes wait in Kafka until resume (add --source to pause it too).");
    }

    @Test
    void pauseWithSourceOrAllAlsoStopsSourcePolling() {
        Cli r = Cli.run(args("pause", "--source", "-o", "json"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.json().path("sink").path("provisioning").asString()).isEqualTo("PAUSED");
        assertThat(r.json().path("source").path("paused").asBoolean()).isTrue();
        assertThat(source.last("POST", "/api/pause").header("Authorization")).isNull();

        Cli all = Cli.run(args("pause", "--all", "-o", "csv"));
        assertThat(all.exitCode()).isZero();
        assertThat(all.out()).isEqualTo("service,state\nscim-sink,PAUSED\nsource-connector,PAUSED\n");
        assertThat(sink.requests()).extracting(StandIn.Request::path)
                .containsExactly("/api/state", "/api/pause", "/api/state", "/api/pause");
        assertThat(source.requests()).extracting(StandIn.Request::path).containsExactly("/api/pause", "/api/pause");
    }

    @Test
    void resumeMirrorsPause() {
        operatorPause.set(true);
        Cli sinkOnly = Cli.run(args("resume"));
        assertThat(sinkOnly.exitCode()).isZero();
        assertThat(sinkOnly.out()).isEqualTo("SCIM writes resumed (scim-sink at " + sink.url() + "): RUNNING\n");
        assertThat(source.requests()).isEmpty();

        operatorPause.set(true);
        Cli all = Cli.run(args("resume", "--all"));
        assertThat(all.exitCode()).isZero();
        assertThat(all.out()).contains("SCIM writes resumed")
                .contains("Source polling resumed (source-connector at " + source.url() + "); an incremental cycle was triggered.");
        assertThat(sink.requests()).extracting(StandIn.Request::path)
                .containsExactly("/api/state", "/api/resume", "/api/state", "/api/resume");
        assertThat(source.requests()).extracting(StandIn.Request::path).containsExactly("/api/resume");
        JsonNode json = Cli.run(args("resume", "--source", "-o", "json")).json();
        assertThat(json.path("sink").path("provisioning").asString()).isEqualTo("RUNNING");
        assertThat(json.path("source").path("paused").asBoolean()).isFalse();
    }

    @Test
    void resumeSaysWhenTheSinkIsStillQuarantined() {
        operatorPause.set(true);
        sink.on("POST", "/api/resume", 200, Shapes.sinkState("QUARANTINED", Shapes.QUARANTINE_401, false, 0, "QUARANTINE"));
        Cli r = Cli.run(args("resume"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("SCIM writes resumed (scim-sink at " + sink.url() + "): QUARANTINED since 2026-11-28T11:00:00Z "
                        + "(EncounteredQuarantineException: the target rejected the credentials (HTTP 401)")
                .contains("next attempt 2026-11-28T11:05:00Z, series 1 (paused by QUARANTINE)")
                .contains("Note: scim-sink is still QUARANTINED").contains("'provisionctl restart --scope quarantine' releases it");
    }

    @Test
    void unreachableSinkStillPausesTheSourceAndExitsFour() {
        String dead = StandIn.deadUrl();
        Cli r = Cli.run("pause", "--all", "--source-url", source.url(), "--sink-url", dead, "-o", "json");
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.json().path("sink").path("error").asString()).contains("scim-sink is unreachable at " + dead + "/api/pause");
        assertThat(r.json().path("source").path("paused").asBoolean()).isTrue();
        assertThat(r.err()).contains("error: scim-sink is unreachable at " + dead).contains("only part of the pause was done");
        assertThat(source.requests()).extracting(StandIn.Request::path).containsExactly("/api/pause");
        Cli sinkOnly = Cli.run("pause", "--sink-url", dead);
        assertThat(sinkOnly.exitCode()).isEqualTo(4);
        assertThat(sinkOnly.out()).isEmpty();
    }

    @Test
    void serviceErrorsExitFiveWithTheServicesMessage() {
        source.on("POST", "/api/pause", 500, "{\"error\":\"checkpoint store unavailable\"}");
        Cli r = Cli.run(args("pause", "--source"));
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.out()).contains("SCIM writes paused");
        assertThat(r.err()).contains("source-connector answered 500 to POST /api/pause: checkpoint store unavailable");

        sink.on("POST", "/api/resume", 401, Shapes.SINK_401);
        Cli refused = Cli.run(args("resume"));
        assertThat(refused.exitCode()).isEqualTo(5);
        assertThat(refused.err()).contains("scim-sink answered 401 to POST /api/resume: operator token required")
                .doesNotContain("Bearer op");
        assertThat(refused.out()).isEmpty();
    }

    @Test
    void pauseKeptAcrossASinkRestartIsReportedByPauseAndLiftedByResume() {
        // the sink came back from a restart still paused: its state says so before anyone calls pause
        operatorPause.set(true);
        Cli again = Cli.run(args("pause"));
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).startsWith("SCIM writes were already paused by an operator (a pause is kept across sink restarts) "
                + "(scim-sink at " + sink.url() + "): PAUSED (paused by OPERATOR)");
        assertThat(Cli.run(args("pause", "-o", "json")).json().path("sinkWasPaused").asBoolean()).isTrue();

        Cli resumed = Cli.run(args("resume", "-o", "json"));
        assertThat(resumed.exitCode()).isZero();
        assertThat(resumed.json().path("sinkWasPaused").asBoolean()).isTrue();
        assertThat(resumed.json().path("sink").path("provisioning").asString()).isEqualTo("RUNNING");
        assertThat(operatorPause).isFalse();

        Cli nothing = Cli.run(args("resume"));
        assertThat(nothing.exitCode()).isZero();
        assertThat(nothing.out()).isEqualTo("SCIM writes were not paused by an operator; nothing to resume (scim-sink at "
                + sink.url() + "): RUNNING\n");
    }

    @Test
    void sinkWithoutStateEndpointIsStillPausedAndResumed() {
        sink.on("GET", "/api/state", 404, "{\"status\":404,\"error\":\"Not Found\",\"path\":\"/api/state\"}");
        Cli paused = Cli.run(args("pause", "-o", "json"));
        assertThat(paused.exitCode()).isZero();
        assertThat(paused.json().path("sinkWasPaused").isNull()).isTrue();
        assertThat(Cli.run(args("pause")).out()).startsWith("SCIM writes paused (scim-sink at ");
        assertThat(Cli.run(args("resume")).out()).startsWith("SCIM writes resumed (scim-sink at ");
    }

    @Test
    void pauseSendsWhoAndWhyAndTheStoredPauseIsShown() {
        Cli r = Cli.run(args("pause", "--reason", "target maintenance until 10:00"));
        assertThat(r.exitCode()).isZero();
        JsonNode sent = Json.MAPPER.readTree(sink.last("POST", "/api/pause").body());
        assertThat(sent.path("reason").asString()).isEqualTo("target maintenance until 10:00");
        assertThat(sent.path("by").asString()).isEqualTo(System.getProperty("user.name"));
        assertThat(r.out()).startsWith("SCIM writes paused (scim-sink at " + sink.url() + "): PAUSED (paused by OPERATOR), "
                + "operator pause since 2026-11-28T09:00:00Z by " + System.getProperty("user.name")
                + ": target maintenance until 10:00\n");
        assertThat(Cli.run(args("pause", "-o", "json")).json().path("sink").path("operatorPause").path("since").asString())
                .isEqualTo("2026-11-28T09:00:00Z");
        assertThat(Json.MAPPER.readTree(sink.last("POST", "/api/pause").body()).has("reason")).isFalse();
    }
}
