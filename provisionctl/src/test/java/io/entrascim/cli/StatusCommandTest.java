package io.entrascim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class StatusCommandTest {

    private StandIn source;
    private StandIn mapper;
    private StandIn sink;
    private StandIn audit;

    @BeforeEach
    void start() {
        source = StandIn.start().on("GET", "/actuator/health", 200, Shapes.HEALTH_UP)
                .on("GET", "/api/status", 200, Shapes.SOURCE_STATUS_RUNNING);
        mapper = StandIn.start().on("GET", "/actuator/health", 503, Shapes.HEALTH_DOWN);
        // the list holds 2 but the state says 7: status must take the state's count, not count a page
        sink = StandIn.start().on("GET", "/actuator/health", 200, Shapes.HEALTH_UP)
                .on("GET", "/api/state", 200, Shapes.sinkState("RUNNING", null, false, 7))
                .on("GET", "/api/dead-letters", 200, Shapes.deadLetters(Shapes.deadLetterItem("c1", "u1", "r1"),
                        Shapes.deadLetterItem("c2", "u2", "r2")))
                .on("GET", "/api/deletions", 200, Shapes.deletionsListing(false));
        // started 100 s ago with 450 of 1000 processed: 4.5 objects/s, 550 left -> ETA about 122 s
        audit = StandIn.start().on("GET", "/actuator/health", 200, Shapes.HEALTH_UP)
                .on("GET", "/api/cycles/current", 200, Shapes.cyclesCurrent(Instant.now().minusSeconds(100).toString()))
                .on("GET", "/api/summary", 200, Shapes.counts(448, 2))
                .on("GET", "/api/pipeline/lag", 200, Shapes.PIPELINE_LAG);
    }

    @AfterEach
    void stop() {
        source.close();
        mapper.close();
        sink.close();
        audit.close();
    }

    private String[] urls(String... more) {
        String[] base = {"--source-url", source.url(), "--mapper-url", mapper.url(), "--sink-url", sink.url(), "--audit-url", audit.url(),
                "--token", "reader-token", "--sink-token", "sink-token"};
        String[] all = new String[1 + base.length + more.length];
        all[0] = "status";
        System.arraycopy(base, 0, all, 1, base.length);
        System.arraycopy(more, 0, all, 1 + base.length, more.length);
        return all;
    }

    @Test
    void jsonCombinesEveryServicesAnswer() {
        Cli r = Cli.run(urls("-o", "json"));
        assertThat(r.exitCode()).isZero();
        JsonNode s = r.json();
        assertThat(s.path("services").findValuesAsString("health")).containsExactly("UP", "DOWN", "UP", "UP");
        assertThat(s.path("provisioning").path("state").asString()).isEqualTo("RUNNING");
        assertThat(s.path("provisioning").path("sink").path("state").asString()).isEqualTo("RUNNING");
        assertThat(s.path("provisioning").path("sink").path("quarantine").isNull()).isTrue();
        assertThat(s.path("provisioning").path("source").path("state").asString()).isEqualTo("RUNNING");
        assertThat(s.path("provisioning").path("source").path("status").path("currentCycleId").asString()).isEqualTo("cyc-init-1");
        assertThat(s.path("provisioning").path("deletions").path("quarantined").asBoolean()).isFalse();
        JsonNode current = s.path("cycles").path("current");
        assertThat(current.path("percentComplete").asDouble()).isEqualTo(45.0);
        assertThat(current.path("ratePerSecond").asDouble()).isBetween(4.0, 4.6);
        assertThat(current.path("etaSeconds").asLong()).isBetween(115L, 140L);
        assertThat(s.path("cycles").path("lastSuccessful").path("cycleId").asString()).isEqualTo("cyc-0");
        assertThat(s.path("failures").path("failed").asLong()).isEqualTo(2);
        assertThat(s.path("failures").path("total").asLong()).isEqualTo(450);
        assertThat(s.path("deadLetters").path("count").asInt()).isEqualTo(7);
        assertThat(s.path("deadLetters").path("atLeast").asBoolean()).isFalse();

        assertThat(sink.requests()).extracting(StandIn.Request::path).containsExactlyInAnyOrder("/actuator/health", "/api/state");
        assertThat(audit.last("GET", "/api/summary").query()).isEqualTo("from=P1D");
        assertThat(audit.last("GET", "/api/summary").header("Authorization")).isEqualTo("Bearer reader-token");
        assertThat(sink.last("GET", "/api/state").header("Authorization")).isEqualTo("Bearer sink-token");
        assertThat(source.last("GET", "/api/status").header("Authorization")).isNull();
        assertThat(audit.last("GET", "/actuator/health").header("Authorization")).isNull();
    }

    @Test
    void tableShowsHealthProgressBarAndCounts() {
        Cli r = Cli.run(urls("--progress-bar", "--since", "PT1H"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("mapper-service    " + mapper.url() + "  DOWN")
                .contains("Provisioning: RUNNING\n")
                .contains("  scim-sink (SCIM writes): RUNNING\n")
                .contains("  source-connector (Graph polling): RUNNING - cycle cyc-init-1 in progress (phase USERS, "
                        + "450 events emitted, 5 Graph pages), sync scope assigned")
                .contains("Current cycle: cyc-init-1 INITIAL PROGRESS")
                .contains("[##############................]  45.0%  450/1000 objects")
                .contains("objects/s, ETA 2m")
                .contains("Last successful cycle: cyc-0 INCREMENTAL, completed 2026-11-28T09:00:00Z, 12 objects")
                .contains("Failures (since PT1H): 2 of 450 results (FAILURE 2, SUCCESS 448)")
                .contains("Dead-lettered commands: 7\n");
        assertThat(Cli.run(urls("--no-progress-bar")).out()).contains("  45.0%  450/1000 objects").doesNotContain("[####");
    }

    @Test
    void trippedDeletionGuardShowsDeletionsQuarantined() {
        sink.on("GET", "/api/state", 200, Shapes.sinkState("RUNNING", null, true, 0));
        Cli r = Cli.run(urls());
        assertThat(r.out()).contains("Deletions: QUARANTINED, 1 held (TooManyDeletes: 500 disables/deletes in cycle cyc-9 "
                + "reached the threshold 500): 'provisionctl deletions list', then allow or reject");
        Cli json = Cli.run(urls("-o", "json"));
        assertThat(json.json().path("provisioning").path("deletions").path("quarantined").asBoolean()).isTrue();
        assertThat(json.json().path("provisioning").path("deletions").path("held").asInt()).isEqualTo(1);
        sink.on("GET", "/api/state", 200, Shapes.sinkState("RUNNING", null, false, 0));
        assertThat(Cli.run(urls()).out()).contains("Deletions: flowing (Deletion guard: COUNTING (threshold 500 per cycle and per PT1H, 3 in the current window))");
    }

    @Test
    void quarantinedSinkShowsReasonSinceAndNextAttempt() {
        sink.on("GET", "/api/state", 200, Shapes.sinkState("QUARANTINED", Shapes.QUARANTINE_401, false, 0, "QUARANTINE"));
        Cli r = Cli.run(urls());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Provisioning: QUARANTINED\n")
                .contains("  scim-sink (SCIM writes): QUARANTINED since 2026-11-28T11:00:00Z (EncounteredQuarantineException: the "
                        + "target rejected the credentials (HTTP 401); check sink.scim.token and the token's rights), next attempt "
                        + "2026-11-28T11:05:00Z, series 1 (paused by QUARANTINE): 'provisionctl restart --scope quarantine' releases it now")
                .contains("  source-connector (Graph polling): RUNNING");
        JsonNode p = Cli.run(urls("-o", "json")).json().path("provisioning");
        assertThat(p.path("state").asString()).isEqualTo("QUARANTINED");
        assertThat(p.path("sink").path("quarantine").path("nextAttempt").asString()).isEqualTo("2026-11-28T11:05:00Z");
        assertThat(p.path("sink").path("quarantine").path("since").asString()).isEqualTo("2026-11-28T11:00:00Z");
        assertThat(p.path("sink").path("pausedBy").get(0).asString()).isEqualTo("QUARANTINE");
        assertThat(Cli.run(urls("-o", "csv")).out()).contains("provisioning,state,QUARANTINED\n")
                .contains("provisioning,quarantineNextAttempt,2026-11-28T11:05:00Z\n").contains("provisioning,source,RUNNING\n");
    }

    @Test
    void pausedSourceIsShownAsPaused() {
        source.on("GET", "/api/status", 200, Shapes.SOURCE_STATUS_PAUSED);
        Cli r = Cli.run(urls());
        assertThat(r.out()).contains("Provisioning: PAUSED\n").contains("  scim-sink (SCIM writes): RUNNING\n")
                .contains("  source-connector (Graph polling): PAUSED - idle between cycles, sync scope assigned: 'provisionctl resume --source' resumes it");
    }

    @Test
    void pausedSinkIsShownAsPausedWithTheWayToResume() {
        sink.on("GET", "/api/state", 200, Shapes.sinkState("PAUSED", null, false, 0, "OPERATOR"));
        Cli r = Cli.run(urls());
        assertThat(r.out()).contains("Provisioning: PAUSED\n")
                .contains("  scim-sink (SCIM writes): PAUSED (paused by OPERATOR): 'provisionctl resume' resumes it "
                        + "(an operator pause is kept across sink restarts)")
                .contains("  source-connector (Graph polling): RUNNING");
    }

    @Test
    void sinkWithoutStateEndpointFallsBackToTheDeletionAndDeadLetterLists() {
        sink.on("GET", "/api/state", 404, "{\"timestamp\":\"2026-11-28T10:00:00.000+00:00\",\"status\":404,\"error\":\"Not Found\","
                + "\"path\":\"/api/state\"}");
        Cli r = Cli.run(urls("-o", "json"));
        assertThat(r.exitCode()).isZero();
        JsonNode s = r.json();
        assertThat(s.path("deadLetters").path("count").asInt()).isEqualTo(2);
        assertThat(s.path("provisioning").path("deletions").path("quarantined").asBoolean()).isFalse();
        assertThat(s.path("provisioning").path("sink").path("state").asString()).isEqualTo("UNKNOWN");
        assertThat(s.path("provisioning").path("state").asString()).isEqualTo("RUNNING");
        assertThat(sink.last("GET", "/api/dead-letters").query()).isEqualTo("limit=1000");
        assertThat(sink.last("GET", "/api/deletions").query()).isEqualTo("limit=1");
        assertThat(Cli.run(urls()).out()).contains("  scim-sink (SCIM writes): UNKNOWN (scim-sink has no GET /api/state (older build)")
                .contains("Dead-lettered commands: 2\n");
    }

    @Test
    void unreachableSinkLeavesItsSectionsUnknown() {
        sink.close();
        Cli r = Cli.run(urls());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Provisioning: RUNNING\n")
                .contains("  scim-sink (SCIM writes): UNKNOWN (scim-sink is unreachable at " + sink.url() + "/api/state")
                .contains("Deletions: unknown (scim-sink is unreachable").contains("Dead-lettered commands: unknown (scim-sink is unreachable");
    }

    @Test
    void oneServiceDownIsShownAndTheRestStillReported() {
        audit.close();
        Cli r = Cli.run(urls("-o", "json"));
        assertThat(r.exitCode()).isZero();
        JsonNode s = r.json();
        assertThat(s.path("services").get(3).path("health").asString()).isEqualTo("UNREACHABLE");
        assertThat(s.path("services").get(3).path("error").asString()).contains("audit-service is unreachable at " + audit.url());
        assertThat(s.path("cycles").path("error").asString()).contains("unreachable");
        assertThat(s.path("deadLetters").path("count").asInt()).isEqualTo(7);
        Cli text = Cli.run(urls());
        assertThat(text.out()).contains("audit-service     " + audit.url() + "  UNREACHABLE").contains("Cycles: unknown (audit-service is unreachable");
    }

    @Test
    void rejectedTokenIsShownForThatSectionOnly() {
        audit.on("GET", "/api/summary", 401, Shapes.spring401("/api/summary"));
        Cli r = Cli.run(urls());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Failures: unknown (audit-service answered 401 to GET /api/summary").doesNotContain("reader-token");
    }

    @Test
    void allServicesUnreachableExitsFour() {
        String dead = StandIn.deadUrl();
        Cli r = Cli.run("status", "--source-url", dead, "--mapper-url", dead, "--sink-url", dead, "--audit-url", dead);
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).contains("no service could be reached").contains(dead);
        assertThat(r.out()).contains("UNREACHABLE");
    }

    @Test
    void progressBarRendersProportionally() {
        assertThat(ProgressBar.render(0, 10)).isEqualTo("[..........]   0.0%");
        assertThat(ProgressBar.render(50, 10)).isEqualTo("[#####.....]  50.0%");
        assertThat(ProgressBar.render(120, 10)).isEqualTo("[##########] 100.0%");
        assertThat(ProgressBar.duration(59)).isEqualTo("59s");
        assertThat(ProgressBar.duration(3725)).isEqualTo("1h2m");
    }

    @Test
    void consumerLagIsShownPerGroupAndTopicInEveryFormat() {
        Cli text = Cli.run(urls());
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("Consumer lag (measured 2026-11-28T12:00:00Z):\n"
                        + "  GROUP           TOPIC                    LAG\n"
                        + "  mapper-service  entra.changes.v1         5\n"
                        + "  scim-sink       scim.commands.v1         123\n"
                        + "  audit-service   provisioning.results.v1  0\n"
                        + "  audit-service   entra.cycles.v1          0\n")
                .doesNotContain("not exposed");
        assertThat(audit.last("GET", "/api/pipeline/lag").header("Authorization")).isEqualTo("Bearer reader-token");

        // JSON: audit-service's own lag document, partitions included
        JsonNode lag = Cli.run(urls("-o", "json")).json().path("consumerLag");
        assertThat(lag).isEqualTo(Json.MAPPER.readTree(Shapes.PIPELINE_LAG));
        assertThat(lag.path("groups").get(1).path("partitions").get(1).path("lag").asLong()).isEqualTo(23);

        assertThat(Cli.run(urls("-o", "csv")).out()).contains("consumerLag,measuredAt,2026-11-28T12:00:00Z\n"
                + "consumerLag,mapper-service/entra.changes.v1,5\n"
                + "consumerLag,scim-sink/scim.commands.v1,123\n"
                + "consumerLag,audit-service/provisioning.results.v1,0\n"
                + "consumerLag,audit-service/entra.cycles.v1,0\n");
    }

    @Test
    void lagErrorFromAuditServiceIsShownAsUnavailableAndStatusStillSucceeds() {
        audit.on("GET", "/api/pipeline/lag", 200, Shapes.PIPELINE_LAG_KAFKA_DOWN);
        Cli text = Cli.run(urls());
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("Consumer lag: unavailable (Kafka unreachable: no answer within PT5S)\n")
                .doesNotContain("GROUP ");
        Cli json = Cli.run(urls("-o", "json"));
        assertThat(json.exitCode()).isZero();
        assertThat(json.json().path("consumerLag")).isEqualTo(Json.MAPPER.readTree(Shapes.PIPELINE_LAG_KAFKA_DOWN));
        Cli csv = Cli.run(urls("-o", "csv"));
        assertThat(csv.exitCode()).isZero();
        assertThat(csv.out()).contains("consumerLag,error,Kafka unreachable: no answer within PT5S\n")
                .doesNotContain("consumerLag,mapper-service");

        audit.on("GET", "/api/pipeline/lag", 200, Shapes.PIPELINE_LAG_TOP_LEVEL_ERROR);
        Cli topLevel = Cli.run(urls());
        assertThat(topLevel.exitCode()).isZero();
        assertThat(topLevel.out()).contains("Consumer lag: unavailable (Kafka error: TimeoutException: Timed out waiting for a node assignment)\n");
    }

    @Test
    void groupWhoseLagCouldNotBeMeasuredIsUnavailableWhileTheOthersAreShown() {
        audit.on("GET", "/api/pipeline/lag", 200, Shapes.PIPELINE_LAG_ONE_GROUP_FAILED);
        Cli text = Cli.run(urls());
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("  mapper-service  entra.changes.v1  5\n")
                .contains("  scim-sink       scim.commands.v1  unavailable (topic scim.commands.v1 does not exist)\n");
        assertThat(Cli.run(urls("-o", "csv")).out())
                .contains("consumerLag,scim-sink/scim.commands.v1,unavailable (topic scim.commands.v1 does not exist)\n");
    }

    @Test
    void olderAuditServiceWithoutLagEndpointShowsLagUnavailable() {
        audit.on("GET", "/api/pipeline/lag", 404, "{\"timestamp\":\"2026-11-28T10:00:00.000+00:00\",\"status\":404,"
                + "\"error\":\"Not Found\",\"path\":\"/api/pipeline/lag\"}");
        Cli text = Cli.run(urls());
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("Consumer lag: unavailable (audit-service has no GET /api/pipeline/lag (an older build))\n")
                .contains("Dead-lettered commands: 7\n");
        Cli json = Cli.run(urls("-o", "json"));
        assertThat(json.exitCode()).isZero();
        assertThat(json.json().path("consumerLag").path("error").asString()).contains("an older build");
    }

    @Test
    void refusedOrUnreachableLagDoesNotFailStatusNorPrintTheToken() {
        audit.on("GET", "/api/pipeline/lag", 401, Shapes.spring401("/api/pipeline/lag"));
        Cli refused = Cli.run(urls());
        assertThat(refused.exitCode()).isZero();
        assertThat(refused.out()).contains("Consumer lag: unavailable (audit-service answered 401 to GET /api/pipeline/lag")
                .contains("check the token").doesNotContain("reader-token");
        audit.close();
        Cli down = Cli.run(urls());
        assertThat(down.exitCode()).isZero();
        assertThat(down.out()).contains("Consumer lag: unavailable (audit-service is unreachable at " + audit.url() + "/api/pipeline/lag");
    }

    @Test
    void operatorPauseKeptAcrossASinkRestartShowsWhoWhyAndSince() {
        sink.on("GET", "/api/state", 200, Shapes.sinkStatePausedByOperator("alice", "target maintenance", "2026-11-28T09:00:00Z"));
        Cli r = Cli.run(urls());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("  scim-sink (SCIM writes): PAUSED (paused by OPERATOR), operator pause since "
                + "2026-11-28T09:00:00Z by alice: target maintenance: 'provisionctl resume' resumes it (an operator pause is "
                + "kept across sink restarts)\n");
        JsonNode sinkSection = Cli.run(urls("-o", "json")).json().path("provisioning").path("sink");
        assertThat(sinkSection.path("operatorPause").path("by").asString()).isEqualTo("alice");
        assertThat(Cli.run(urls("-o", "csv")).out()).contains("provisioning,operatorPauseSince,2026-11-28T09:00:00Z\n")
                .contains("provisioning,operatorPauseReason,target maintenance\n");
    }
}
