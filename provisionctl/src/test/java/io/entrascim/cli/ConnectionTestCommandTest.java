package io.entrascim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionTestCommandTest {

    private StandIn sink;

    @BeforeEach
    void start() {
        sink = StandIn.start();
    }

    @AfterEach
    void stop() {
        sink.close();
    }

    @Test
    void successfulTestExitsZeroAndPrintsTheOutcome() {
        sink.on("POST", "/api/connection/test", 200, Shapes.CONNECTION_OK);
        Cli r = Cli.run("connection", "test", "--sink-url", sink.url());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("OK (HTTP 200, 12 ms): Connected to");
    }

    @Test
    void failedTestExitsFiveWithTheMessageAndWarnings() {
        sink.on("POST", "/api/connection/test", 200, Shapes.CONNECTION_401);
        Cli r = Cli.run("connection", "test", "--sink-url", sink.url());
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.out()).contains("FAILED (HTTP 401, 8 ms): 401 Unauthorized: the target rejected the bearer token")
                .contains("warning: The token does not start with the 'token-' prefix");
        Cli json = Cli.run("connection", "test", "--sink-url", sink.url(), "-o", "json");
        assertThat(json.exitCode()).isEqualTo(5);
        assertThat(json.json().path("ok").asBoolean()).isFalse();
        assertThat(json.json().path("warnings").size()).isEqualTo(1);
    }

    @Test
    void sinkOperatorTokenRejectedExitsFive() {
        sink.on("POST", "/api/connection/test", r -> "Bearer right".equals(r.header("Authorization"))
                ? new StandIn.Reply(200, Shapes.CONNECTION_OK) : new StandIn.Reply(401, Shapes.SINK_401));
        Cli wrong = Cli.run("connection", "test", "--sink-url", sink.url(), "--sink-token", "wrong");
        assertThat(wrong.exitCode()).isEqualTo(5);
        assertThat(wrong.err()).contains("scim-sink answered 401 to POST /api/connection/test: operator token required")
                .contains("--sink-token").doesNotContain("wrong");
        assertThat(Cli.run("connection", "test", "--sink-url", sink.url(), "--sink-token", "right").exitCode()).isZero();
    }

    @Test
    void unreachableSinkExitsFour() {
        String dead = StandIn.deadUrl();
        Cli r = Cli.run("connection", "test", "--sink-url", dead);
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).contains("scim-sink is unreachable at " + dead + "/api/connection/test");
    }
}
