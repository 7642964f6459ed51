package io.entrascim.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Replay from the log calls the sink's replay endpoint (a real HTTP stand-in) with the failure result ids; the
 * replayed outcome, published by the "sink" with replayOf, shows up linked both ways in the change detail.
 */
class ReplayLinkageTest extends AuditServiceTestBase {

    private final SinkStandIn sink = SinkStandIn.get();

    @AfterEach
    void resetSink() {
        sink.onReplay = ids -> { };
        sink.failWithStatus = 0;
    }

    @Test
    void replayedOutcomeIsLinkedToTheOriginalFailureBothWays() {
        String job = "job-replay-" + UUID.randomUUID();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(1, ChronoUnit.HOURS);
        ProvisioningResult failure = Results.failure("fail-" + job, job, "cyc", "chg-" + job, t, "obj-r", "r@contoso.test",
                "InternalServerError");
        store(failure);
        String replayId = "replayed-" + job;
        // the stand-in plays the sink: it re-runs the command and emits the outcome with replayOf = the failure's id
        sink.onReplay = ids -> ids.forEach(id -> publish(Topics.RESULTS, "obj-r",
                RecordCodec.write(Results.replayOf(failure, replayId, Instant.now()))));

        HttpResponse<String> response = post("/api/provisioning-logs/replay", OPERATOR_TOKEN,
                Map.of("resultIds", List.of(failure.id())));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode outcome = RecordCodec.mapper().readTree(response.body());
        assertThat(outcome.path("requested").toString()).isEqualTo("[\"" + failure.id() + "\"]");
        assertThat(outcome.path("sink").path("replayed").asInt()).isEqualTo(1);
        assertThat(outcome.path("sink").path("items").get(0).path("resultId").asString()).isEqualTo(failure.id());
        SinkStandIn.Call call = sink.calls.stream().filter(c -> c.resultIds().contains(failure.id())).findFirst().orElseThrow();
        assertThat(call.authorization()).isEqualTo("Bearer " + SinkStandIn.OPERATOR_TOKEN);
        assertThat(call.dryRun()).isFalse();

        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/provisioning-logs/" + failure.changeId(), READER_TOKEN)
                .body().contains(replayId));
        JsonNode detail = getJson("/api/provisioning-logs/" + failure.changeId());
        JsonNode original = detail.path("results").get(0);
        JsonNode replayed = detail.path("results").get(1);
        assertThat(original.path("result").path("id").asString()).isEqualTo(failure.id());
        assertThat(original.path("replayedBy").get(0).path("id").asString()).isEqualTo(replayId);
        assertThat(original.path("replayedBy").get(0).path("status").asString()).isEqualTo("SUCCESS");
        assertThat(replayed.path("result").path("replayOf").asString()).isEqualTo(failure.id());
        assertThat(replayed.path("replayOf").path("status").asString()).isEqualTo("FAILURE");
        assertThat(original.path("result").path("steps").get(0).path("name").asString()).isEqualTo("EntryExportAdd");
        assertThat(original.path("result").path("modifiedProperties").get(0).path("displayName").asString()).isEqualTo("userName");

        assertThat(jdbc.queryForObject("select count(*) from replay_request where result_ids @> cast(? as jsonb) and requested_by = 'operator'",
                Long.class, "[\"" + failure.id() + "\"]")).isEqualTo(1);
    }

    @Test
    void replayByFilterSendsOnlyMatchingFailuresAndRejectsNonFailures() {
        String job = "job-replay-filter-" + UUID.randomUUID();
        Instant t = Instant.now().minus(2, ChronoUnit.HOURS);
        ProvisioningResult f1 = Results.failure("f1-" + job, job, "cyc", "c1-" + job, t, "o1", "a@x.test", "Timeout");
        ProvisioningResult f2 = Results.failure("f2-" + job, job, "cyc", "c2-" + job, t.plusSeconds(1), "o2", "b@x.test", "Conflict");
        ProvisioningResult ok = Results.success("ok-" + job, job, "cyc", "c3-" + job, t, ProvisioningAction.CREATE, "o3", "c@x.test");
        store(f1, f2, ok);

        HttpResponse<String> byFilter = post("/api/provisioning-logs/replay", OPERATOR_TOKEN,
                Map.of("filter", Map.of("jobId", job, "errorCode", "Timeout"), "dryRun", true));
        assertThat(byFilter.statusCode()).isEqualTo(200);
        JsonNode outcome = RecordCodec.mapper().readTree(byFilter.body());
        assertThat(outcome.path("requested").toString()).isEqualTo("[\"" + f1.id() + "\"]");
        assertThat(outcome.path("sink").path("dryRun").asBoolean()).isTrue();

        HttpResponse<String> byIds = post("/api/provisioning-logs/replay", OPERATOR_TOKEN,
                Map.of("resultIds", List.of(f2.id(), ok.id()), "dryRun", true));
        JsonNode idsOutcome = RecordCodec.mapper().readTree(byIds.body());
        assertThat(idsOutcome.path("requested").toString()).isEqualTo("[\"" + f2.id() + "\"]");
        assertThat(idsOutcome.path("rejected").toString()).isEqualTo("[\"" + ok.id() + "\"]");
    }

    @Test
    void sinkFailureIs502WithTheSinkStatusAndNoToken() {
        String job = "job-replay-down-" + UUID.randomUUID();
        ProvisioningResult f = Results.failure("f-" + job, job, "cyc", "c-" + job, Instant.now(), "o", "a@x.test", "Timeout");
        store(f);
        sink.failWithStatus = 503;

        HttpResponse<String> response = post("/api/provisioning-logs/replay", OPERATOR_TOKEN, Map.of("resultIds", List.of(f.id())));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("HTTP 503").doesNotContain(SinkStandIn.OPERATOR_TOKEN);
    }

    @Test
    void unknownChangeIs404() {
        assertThat(get("/api/provisioning-logs/no-such-change-" + UUID.randomUUID(), READER_TOKEN).statusCode()).isEqualTo(404);
    }
}
