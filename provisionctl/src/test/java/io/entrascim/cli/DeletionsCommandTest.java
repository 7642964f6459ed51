package io.entrascim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeletionsCommandTest {

    private StandIn sink;

    @BeforeEach
    void start() {
        String item = Shapes.deletionItem("d1", "u9");
        sink = StandIn.start()
                .on("GET", "/api/deletions", 200, Shapes.deletionsListing(true, item))
                .on("POST", "/api/deletions/allow", 200, Shapes.deletionDecision("allow", item))
                .on("POST", "/api/deletions/reject", 200, Shapes.deletionDecision("reject", item));
    }

    @AfterEach
    void stop() {
        sink.close();
    }

    @Test
    void listShowsTheGuardAndTheHeldCommands() {
        Cli r = Cli.run("deletions", "list", "--sink-url", sink.url(), "--sink-token", "op");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Deletion guard: TRIPPED (threshold 500 per cycle and per PT1H, 501 in the current window)")
                .contains("Held: 1").contains("d1").contains("u9").contains("DISABLE");
        assertThat(sink.last("GET", "/api/deletions").query()).isEqualTo("limit=100");
        assertThat(sink.last("GET", "/api/deletions").header("Authorization")).isEqualTo("Bearer op");
        Cli csv = Cli.run("deletions", "list", "--sink-url", sink.url(), "-o", "csv");
        assertThat(csv.out()).startsWith("COMMAND ID,SOURCE ID,TYPE,OPERATION,CYCLE ID,CHANGE ID,STAGED AT,REASON\nd1,u9,USER,DISABLE,");
    }

    @Test
    void allowAndRejectPostTheDecision() {
        Cli allow = Cli.run("deletions", "allow", "--sink-url", sink.url(), "-o", "json");
        assertThat(allow.exitCode()).isZero();
        assertThat(allow.json().path("decision").asString()).isEqualTo("allow");
        assertThat(allow.json().path("processed").asInt()).isEqualTo(1);
        Cli reject = Cli.run("deletions", "reject", "--sink-url", sink.url());
        assertThat(reject.exitCode()).isZero();
        assertThat(reject.out()).contains("Rejected (dropped) 1 held disable/delete command(s).");
        assertThat(sink.requests()).extracting(StandIn.Request::path).containsExactly("/api/deletions/allow", "/api/deletions/reject");
    }

    @Test
    void rejectedSinkTokenExitsFive() {
        sink.on("POST", "/api/deletions/allow", 401, Shapes.SINK_401);
        Cli r = Cli.run("deletions", "allow", "--sink-url", sink.url(), "--sink-token", "bad");
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("scim-sink answered 401 to POST /api/deletions/allow: operator token required");
    }
}
