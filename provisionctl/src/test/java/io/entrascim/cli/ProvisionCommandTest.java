package io.entrascim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;

class ProvisionCommandTest {

    private static final String USER = "3f1c2a9e-0000-4000-8000-000000000001";

    private StandIn source;
    private StandIn audit;
    private final AtomicInteger polls = new AtomicInteger();

    @BeforeEach
    void start() {
        source = StandIn.start().on("POST", "/api/provision-on-demand", 200, Shapes.onDemand("ev-1", USER));
        audit = StandIn.start();
    }

    @AfterEach
    void stop() {
        source.close();
        audit.close();
    }

    /** Nothing audited, then the mapper's SUCCESS result, then the sink's: how a mapper before 2026-12-04 reported. */
    private void auditAnswersInStages(String sinkStatus) {
        audit.on("GET", "/api/provisioning-logs/ev-1", r -> switch (polls.incrementAndGet()) {
            case 1 -> new StandIn.Reply(404, null);
            case 2 -> new StandIn.Reply(200, Shapes.changeDetail("ev-1", Shapes.mapperResult("m1", "ev-1", USER, "SUCCESS")));
            default -> new StandIn.Reply(200, Shapes.changeDetail("ev-1", Shapes.mapperResult("m1", "ev-1", USER, "SUCCESS"),
                    Shapes.sinkResult("s1", "ev-1", USER, sinkStatus)));
        });
    }

    private Cli provision(String object, String... more) {
        String[] base = {"provision", object, "--source-url", source.url(), "--audit-url", audit.url(), "--token", "reader",
                "--poll-interval", "20"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return Cli.run(all);
    }

    @Test
    void printsEachStepAsTheResultsArriveAndExitsZero() {
        auditAnswersInStages("SUCCESS");
        Cli r = provision(USER);
        assertThat(r.exitCode()).isZero();
        assertThat(Json.MAPPER.readTree(source.last("POST", "/api/provision-on-demand").body()).toString())
                .isEqualTo("{\"id\":\"" + USER + "\"}");
        assertThat(r.out()).contains("Provisioning on demand: USER " + USER + " (UPSERT), change ev-1")
                .contains("1. [SUCCESS] Import user (EntryImport)")
                .contains("2. [SUCCESS] Determine if user is in scope (EntrySynchronizationScoping)")
                .contains("1. [SUCCESS] Match user between source and target system (EntryImportMatch)")
                .contains("2. [SUCCESS] Perform action (EntryExportAdd)")
                .contains("userName: - -> alice@contoso.com")
                .contains("Result: SUCCESS.");
        assertThat(r.out().indexOf("Import user")).isLessThan(r.out().indexOf("Match user"));
        assertThat(audit.last("GET", "/api/provisioning-logs/ev-1").header("Authorization")).isEqualTo("Bearer reader");
    }

    @Test
    void userPrincipalNameIsSentAsSuchAndJsonHasTheOutcome() {
        auditAnswersInStages("SUCCESS");
        Cli r = provision("alice@contoso.com", "-o", "json");
        assertThat(r.exitCode()).isZero();
        assertThat(Json.MAPPER.readTree(source.last("POST", "/api/provision-on-demand").body()).toString())
                .isEqualTo("{\"userPrincipalName\":\"alice@contoso.com\"}");
        assertThat(r.json().path("outcome").asString()).isEqualTo("SUCCESS");
        assertThat(r.json().path("changeId").asString()).isEqualTo("ev-1");
        assertThat(r.json().path("results").size()).isEqualTo(2);
        assertThat(r.json().path("results").get(1).path("steps").get(1).path("name").asString()).isEqualTo("EntryExportAdd");
    }

    @Test
    void failureResultExitsThree() {
        auditAnswersInStages("FAILURE");
        Cli r = provision(USER);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("2. [FAILURE] Perform action (EntryExportAdd)")
                .contains("error SystemForCrossDomainIdentityManagementBadRequest: 400 invalidValue: userName")
                .contains("Result: FAILURE");
    }

    @Test
    void outOfScopeIsSkippedAndExitsZero() {
        audit.on("GET", "/api/provisioning-logs/ev-1", 200,
                Shapes.changeDetail("ev-1", Shapes.mapperResult("m1", "ev-1", USER, "SKIPPED")));
        Cli r = provision(USER, "-o", "json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.json().path("outcome").asString()).isEqualTo("SKIPPED");
    }

    @Test
    void noOutcomeWithinTheWaitExitsSix() {
        audit.on("GET", "/api/provisioning-logs/ev-1", 200,
                Shapes.changeDetail("ev-1", Shapes.mapperResult("m1", "ev-1", USER, "SUCCESS")));
        Cli r = provision(USER, "--wait", "1");
        assertThat(r.exitCode()).isEqualTo(6);
        assertThat(r.out()).contains("No final result within 1s (1 result(s) so far)").contains("provisionctl logs show ev-1");
    }

    @Test
    void unknownObjectExitsFiveWithTheSourcesMessage() {
        source.on("POST", "/api/provision-on-demand", 404, "{\"error\":\"no user or group nobody@contoso.com in the tenant\"}");
        Cli r = provision("nobody@contoso.com");
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("source-connector answered 404 to POST /api/provision-on-demand: no user or group nobody@contoso.com");
        assertThat(audit.requests()).isEmpty();
    }

    @Test
    void unreachableAuditAfterTheCallSaysTheProvisioningWasTriggered() {
        audit.close();
        Cli r = provision(USER);
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).contains("audit-service is unreachable at " + audit.url())
                .contains("the provisioning was triggered; follow it with 'provisionctl logs show ev-1'");
    }

    @Test
    void aChangeIsCompleteOnceEveryCommandItMadeHasItsOutcome() {
        ArrayNode firstOfTwo = results(Shapes.sinkResultOfCommand("s1", "ev-1", USER, 1, 2));
        assertThat(ProvisionCommand.complete(firstOfTwo)).as("command 2 of 2 has no outcome yet").isFalse();
        ArrayNode both = results(Shapes.sinkResultOfCommand("s1", "ev-1", USER, 1, 2),
                Shapes.sinkResultOfCommand("s2", "ev-1", USER, 2, 2));
        assertThat(ProvisionCommand.complete(both)).isTrue();
        ArrayNode sameTwice = results(Shapes.sinkResultOfCommand("s1", "ev-1", USER, 1, 2),
                Shapes.sinkResultOfCommand("s1b", "ev-1", USER, 1, 2));
        assertThat(ProvisionCommand.complete(sameTwice)).as("two outcomes of one command").isFalse();
        assertThat(ProvisionCommand.complete(results(Shapes.mapperSkippedWithCommands("m1", "ev-1", USER, 1))))
                .as("skipped the members, but the upsert is on its way").isFalse();
        assertThat(ProvisionCommand.complete(results(Shapes.mapperSkippedWithCommands("m1", "ev-1", USER, 1),
                Shapes.sinkResultOfCommand("s1", "ev-1", USER, 1, 1)))).isTrue();
        assertThat(ProvisionCommand.complete(results(Shapes.mapperSkippedWithCommands("m1", "ev-1", USER, 0)))).isTrue();
        assertThat(ProvisionCommand.complete(results())).isFalse();
    }

    private static ArrayNode results(String... json) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (String j : json) {
            a.add(Json.MAPPER.readTree(j));
        }
        return a;
    }
}
