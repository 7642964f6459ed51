package io.entrascim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SourceControlCommandsTest {

    private StandIn source;
    private StandIn sink;

    @BeforeEach
    void start() {
        sink = StandIn.start()
                .on("POST", "/api/quarantine/release", 200, Shapes.sinkState("RUNNING", null, false, 2));
        source = StandIn.start()
                .on("POST", "/api/restart", r -> r.query().equals("scope=watermark") || r.query().equals("scope=full")
                        ? new StandIn.Reply(202, "{\"restarted\":\"" + r.query().substring(6) + "\",\"initialCycleQueued\":true}")
                        : new StandIn.Reply(400, "{\"error\":\"scope must be 'watermark' or 'full', was '" + r.query() + "'\"}"));
    }

    @AfterEach
    void stop() {
        source.close();
        sink.close();
    }

    @Test
    void restartSendsTheScopeDefaultingToWatermark() {
        Cli r = Cli.run("restart", "--source-url", source.url(), "-o", "json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.json().path("restarted").asString()).isEqualTo("watermark");
        assertThat(Cli.run("restart", "--scope", "full", "--source-url", source.url(), "-o", "csv").out())
                .isEqualTo("restarted,initialCycleQueued\nfull,true\n");
        assertThat(source.requests()).extracting(StandIn.Request::query).containsExactly("scope=watermark", "scope=full");
    }

    @Test
    void escrowsScopeRetriesTheSinksEscrowsAndPrintsTheCounts() {
        sink.on("POST", "/api/restart", r -> "scope=escrows".equals(r.query())
                ? new StandIn.Reply(200, Shapes.ESCROWS_RESTARTED)
                : new StandIn.Reply(400, "{\"error\":\"scope must be 'escrows', was '" + r.query() + "'\"}"));
        Cli json = Cli.run("restart", "--scope", "escrows", "--source-url", source.url(), "--sink-url", sink.url(),
                "--sink-token", "op", "-o", "json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.json()).isEqualTo(Json.MAPPER.readTree(Shapes.ESCROWS_RESTARTED));
        StandIn.Request sent = sink.last("POST", "/api/restart");
        assertThat(sent.query()).isEqualTo("scope=escrows");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer op");
        assertThat(source.requests()).isEmpty();

        Cli text = Cli.run("restart", "--scope", "escrows", "--sink-url", sink.url());
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).isEqualTo("Escrows retried (scim-sink at " + sink.url() + "): 5 retried, 3 resolved, 1 still parked, "
                + "1 dropped.\nStill parked: the member or group they refer to is not in the target yet; the sink adds them as "
                + "soon as it is ('provisionctl logs --status warning' lists them as UnresolvedReference).\n");
        assertThat(Cli.run("restart", "--scope", "ESCROWS", "--sink-url", sink.url(), "-o", "csv").out())
                .isEqualTo("scope,retried,resolved,stillParked,dropped\nescrows,5,3,1,1\n");
    }

    @Test
    void escrowsOnAnOlderSinkWithoutTheEndpointExitsFiveSayingSo() {
        Cli r = Cli.run("restart", "--scope", "escrows", "--source-url", source.url(), "--sink-url", sink.url(), "--sink-token", "op");
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("error: scim-sink at " + sink.url() + " has no POST /api/restart?scope=escrows (an older "
                + "build): upgrade scim-sink to retry escrows on demand; until then it retries them by itself as their "
                + "references are provisioned\n");
        assertThat(source.requests()).isEmpty();
    }

    @Test
    void escrowsRefusedOrUnreachableExitFiveOrFour() {
        sink.on("POST", "/api/restart", 401, Shapes.SINK_401);
        Cli refused = Cli.run("restart", "--scope", "escrows", "--sink-url", sink.url(), "--sink-token", "bad-token");
        assertThat(refused.exitCode()).isEqualTo(5);
        assertThat(refused.err()).contains("scim-sink answered 401 to POST /api/restart: operator token required")
                .contains("--sink-token").doesNotContain("bad-token");
        String dead = StandIn.deadUrl();
        Cli down = Cli.run("restart", "--scope", "escrows", "--sink-url", dead);
        assertThat(down.exitCode()).isEqualTo(4);
        assertThat(down.err()).contains("scim-sink is unreachable at " + dead + "/api/restart");
    }

    @Test
    void unknownScopeExitsTwoNamingTheOptionWithoutCallingAnything() {
        Cli r = Cli.run("restart", "--scope", "everything", "--source-url", source.url(), "--sink-url", sink.url());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--scope").contains("everything");
        assertThat(source.requests()).isEmpty();
        assertThat(sink.requests()).isEmpty();
    }

    @Test
    void quarantineScopeReleasesTheSinkQuarantineAndPrintsTheState() {
        Cli r = Cli.run("restart", "--scope", "quarantine", "--source-url", source.url(), "--sink-url", sink.url(),
                "--sink-token", "op", "-o", "json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.json().path("provisioning").asString()).isEqualTo("RUNNING");
        assertThat(r.json().path("quarantine").isNull()).isTrue();
        assertThat(r.json().path("deadLetters").asLong()).isEqualTo(2);
        StandIn.Request sent = sink.last("POST", "/api/quarantine/release");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer op");
        assertThat(sent.body()).isEmpty();
        assertThat(source.requests()).isEmpty();

        Cli text = Cli.run("restart", "--scope", "quarantine", "--sink-url", sink.url());
        assertThat(text.out()).isEqualTo("Quarantine released (scim-sink at " + sink.url() + "): RUNNING\n");
        Cli csv = Cli.run("restart", "--scope", "quarantine", "--sink-url", sink.url(), "-o", "csv");
        assertThat(csv.out()).isEqualTo("provisioning,quarantineReason,quarantineSince,nextAttempt,deletionGuard,deletionsHeld,"
                + "deadLetters,pausedBy\nRUNNING,,,,COUNTING,0,2,\n");
    }

    @Test
    void quarantineReleaseSaysWhatStillStopsTheWrites() {
        sink.on("POST", "/api/quarantine/release", 200, Shapes.sinkState("PAUSED", null, false, 0, "OPERATOR"));
        Cli r = Cli.run("restart", "--scope", "quarantine", "--sink-url", sink.url());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("): PAUSED (paused by OPERATOR)")
                .contains("Note: scim-sink is still PAUSED by an operator: 'provisionctl resume' resumes it.");
    }

    @Test
    void quarantineReleaseFailuresExitFourOrFive() {
        sink.on("POST", "/api/quarantine/release", 401, Shapes.SINK_401);
        Cli refused = Cli.run("restart", "--scope", "quarantine", "--sink-url", sink.url(), "--sink-token", "bad-token");
        assertThat(refused.exitCode()).isEqualTo(5);
        assertThat(refused.err()).contains("scim-sink answered 401 to POST /api/quarantine/release: operator token required")
                .doesNotContain("bad-token");
        String dead = StandIn.deadUrl();
        Cli down = Cli.run("restart", "--scope", "quarantine", "--sink-url", dead);
        assertThat(down.exitCode()).isEqualTo(4);
        assertThat(down.err()).contains("scim-sink is unreachable at " + dead + "/api/quarantine/release");
    }

    @Test
    void triggerQueuesACycleAndAPausedConnectorExitsFive() {
        source.on("POST", "/api/cycles/trigger", 202, "{\"accepted\":true,\"alreadyQueued\":false}");
        Cli r = Cli.run("trigger", "--source-url", source.url());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Incremental cycle queued.");
        source.on("POST", "/api/cycles/trigger", 409, "{\"accepted\":false,\"reason\":\"the connector is paused: POST /api/resume first\"}");
        Cli paused = Cli.run("trigger", "--source-url", source.url());
        assertThat(paused.exitCode()).isEqualTo(5);
        assertThat(paused.err()).contains("answered 409 to POST /api/cycles/trigger: the connector is paused");
    }

    @Test
    void serviceErrorExitsFiveWithItsMessage() {
        source.on("POST", "/api/restart", 500, "{\"error\":\"checkpoint store unavailable\"}");
        Cli r = Cli.run("restart", "--source-url", source.url());
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("source-connector answered 500 to POST /api/restart: checkpoint store unavailable");
    }
}
