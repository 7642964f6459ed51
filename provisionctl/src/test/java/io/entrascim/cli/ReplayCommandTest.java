package io.entrascim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class ReplayCommandTest {

    private StandIn sink;
    private StandIn audit;

    @BeforeEach
    void start() {
        String item = Shapes.deadLetterItem("c1", "u1", "r1");
        sink = StandIn.start().on("POST", "/api/dead-letters/replay", r -> new StandIn.Reply(200,
                Shapes.sinkReplay(r.body().contains("\"dryRun\":true"), item)));
        audit = StandIn.start().on("POST", "/api/provisioning-logs/replay", r -> new StandIn.Reply(200,
                "{\"requested\":[\"r1\"],\"rejected\":[\"r9\"],\"sink\":" + Shapes.sinkReplay(r.body().contains("\"dryRun\":true"), item) + "}"));
    }

    @AfterEach
    void stop() {
        sink.close();
        audit.close();
    }

    @Test
    void filtersGoToTheSinkReplayApi() {
        Cli r = Cli.run("replay", "--sink-url", sink.url(), "--sink-token", "op", "--source-id", "u1,u2", "--since",
                "2026-11-28T00:00:00Z", "--until", "2026-11-29T00:00:00Z", "--error-class", "permanent", "--http-status", "400",
                "--command-id", "c1", "--dry-run", "-o", "json");
        assertThat(r.exitCode()).isZero();
        JsonNode body = Json.MAPPER.readTree(sink.last("POST", "/api/dead-letters/replay").body());
        assertThat(body.path("sourceObjectIds").toString()).isEqualTo("[\"u1\",\"u2\"]");
        assertThat(body.path("commandIds").toString()).isEqualTo("[\"c1\"]");
        assertThat(body.path("from").asString()).isEqualTo("2026-11-28T00:00:00Z");
        assertThat(body.path("to").asString()).isEqualTo("2026-11-29T00:00:00Z");
        assertThat(body.path("errorClass").asString()).isEqualTo("permanent");
        assertThat(body.path("httpStatus").asInt()).isEqualTo(400);
        assertThat(body.path("dryRun").asBoolean()).isTrue();
        assertThat(body.has("resultIds")).isFalse();
        assertThat(sink.last("POST", "/api/dead-letters/replay").header("Authorization")).isEqualTo("Bearer op");
        assertThat(r.json().path("matched").asInt()).isEqualTo(1);
        assertThat(r.json().path("replayed").asInt()).isZero();
        assertThat(audit.requests()).isEmpty();
    }

    @Test
    void tableListsTheItemsAndTheCountsOnStderr() {
        Cli r = Cli.run("replay", "--sink-url", sink.url(), "--http-status", "400");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("COMMAND ID").contains("c1").contains("u1").contains("permanent").contains("r1");
        assertThat(r.err()).contains("matched 1, replayed 1 (via scim-sink)");
    }

    @Test
    void resultIdsAloneGoThroughTheAuditServiceWithTheOperatorToken() {
        Cli r = Cli.run("replay", "--audit-url", audit.url(), "--token", "operator", "--result-id", "r1", "--result-id", "r9",
                "--dry-run");
        assertThat(r.exitCode()).isZero();
        StandIn.Request req = audit.last("POST", "/api/provisioning-logs/replay");
        assertThat(Json.MAPPER.readTree(req.body()).toString()).isEqualTo("{\"resultIds\":[\"r1\",\"r9\"],\"dryRun\":true}");
        assertThat(req.header("Authorization")).isEqualTo("Bearer operator");
        assertThat(r.err()).contains("dry run: matched 1, replayed 0 (via audit-service)")
                .contains("not replayed: r9 is not a failure result in the log");
        assertThat(sink.requests()).isEmpty();
        Cli viaSink = Cli.run("replay", "--sink-url", sink.url(), "--result-id", "r1", "--via", "sink", "-o", "json");
        assertThat(viaSink.exitCode()).isZero();
        assertThat(Json.MAPPER.readTree(sink.last("POST", "/api/dead-letters/replay").body()).path("resultIds").toString())
                .isEqualTo("[\"r1\"]");
    }

    @Test
    void noFilterOrFiltersTheAuditApiLacksExitTwo() {
        Cli none = Cli.run("replay", "--sink-url", sink.url());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("give a filter").contains("--all");
        Cli viaAudit = Cli.run("replay", "--audit-url", audit.url(), "--via", "audit", "--result-id", "r1", "--http-status", "500");
        assertThat(viaAudit.exitCode()).isEqualTo(2);
        assertThat(viaAudit.err()).contains("--via audit takes only --result-id");
        assertThat(sink.requests()).isEmpty();
        assertThat(audit.requests()).isEmpty();
        Cli duration = Cli.run("replay", "--sink-url", sink.url(), "--since", "P1D");
        assertThat(duration.exitCode()).isEqualTo(2);
        assertThat(duration.err()).contains("--since must be an ISO-8601 instant");
        assertThat(Cli.run("replay", "--sink-url", sink.url(), "--all", "--dry-run").exitCode()).isZero();
        assertThat(sink.last("POST", "/api/dead-letters/replay").body()).isEqualTo("{\"dryRun\":true}");
    }

    @Test
    void readerTokenOnReplayExitsFive() {
        audit.on("POST", "/api/provisioning-logs/replay", 403, Shapes.spring403("/api/provisioning-logs/replay"));
        Cli r = Cli.run("replay", "--audit-url", audit.url(), "--token", "reader", "--result-id", "r1");
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("audit-service answered 403 to POST /api/provisioning-logs/replay")
                .contains("an operator token to replay");
    }

    @Test
    void sinkThatAuditCannotReachIsReportedAsServiceError() {
        audit.on("POST", "/api/provisioning-logs/replay", 502, "{\"error\":\"scim-sink did not answer at http://127.0.0.1:8083\"}");
        Cli r = Cli.run("replay", "--audit-url", audit.url(), "--result-id", "r1");
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("answered 502").contains("scim-sink did not answer");
    }
}
