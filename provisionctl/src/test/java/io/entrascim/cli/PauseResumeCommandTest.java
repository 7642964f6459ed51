package io.entrascim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class PauseResumeCommandTest {

    private StandIn source;
    private StandIn sink;

    @BeforeEach
    void start() {
        sink = StandIn.start()
                .on("POST", "/api/pause", 200, Shapes.sinkState("PAUSED", null, false, 0, "OPERATOR"))
                .on("POST", "/api/resume", 200, Shapes.sinkState("RUNNING", null, false, 0));
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
        assertThat(sink.requests()).extracting(StandIn.Request::path).containsExactly("/api/pause");
        assertThat(sink.last("POST", "/api/pause").header("Authorization")).isEqualTo("Bearer op");
        assertThat(source.requests()).isEmpty();

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
        assertThat(sink.requests()).extracting(StandIn.Request::path).containsExactly("/api/pause", "/api/pause");
        assertThat(source.requests()).extracting(StandIn.Request::path).containsExactly("/api/pause", "/api/pause");
    }

    @Test
    void resumeMirrorsPause() {
        Cli sinkOnly = Cli.run(args("resume"));
        assertThat(sinkOnly.exitCode()).isZero();
        assertThat(sinkOnly.out()).isEqualTo("SCIM writes resumed (scim-sink at " + sink.url() + "): RUNNING\n");
        assertThat(source.requests()).isEmpty();

        Cli all = Cli.run(args("resume", "--all"));
        assertThat(all.exitCode()).isZero();
        assertThat(all.out()).contains("SCIM writes resumed")
                .contains("Source polling resumed (source-connector at " + source.url() + "); an incremental cycle was triggered.");
        assertThat(sink.requests()).extracting(StandIn.Request::path).containsExactly("/api/resume", "/api/resume");
        assertThat(source.requests()).extracting(StandIn.Request::path).containsExactly("/api/resume");
        JsonNode json = Cli.run(args("resume", "--source", "-o", "json")).json();
        assertThat(json.path("sink").path("provisioning").asString()).isEqualTo("RUNNING");
        assertThat(json.path("source").path("paused").asBoolean()).isFalse();
    }

    @Test
    void resumeSaysWhenTheSinkIsStillQuarantined() {
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
}
