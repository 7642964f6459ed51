package io.entrascim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogsCommandTest {

    private StandIn audit;

    @BeforeEach
    void start() {
        audit = StandIn.start()
                .on("GET", "/api/provisioning-logs", 200, Shapes.logPage("eyJ0IjoxfQ",
                        Shapes.logEntry("r1", "ch-1", "FAILURE", "CREATE", "u1", "alice@contoso.com",
                                "SystemForCrossDomainIdentityManagementBadRequest"),
                        Shapes.logEntry("r2", "ch-2", "SUCCESS", "UPDATE", "u2", "bob, jr@contoso.com", null)))
                .on("GET", "/api/provisioning-logs/ch-1", 200, Shapes.changeDetail("ch-1",
                        Shapes.mapperResult("m1", "ch-1", "u1", "SUCCESS"), Shapes.sinkResult("s1", "ch-1", "u1", "FAILURE")));
    }

    @AfterEach
    void stop() {
        audit.close();
    }

    @Test
    void passesEveryFilterAsTheAuditApiNamesIt() {
        Cli r = Cli.run("logs", "--audit-url", audit.url(), "--token", "reader", "--status", "failure,warning", "--action", "create",
                "--object-type", "User", "--source-id", "u1", "--target-id", "scim-77", "--name", "alice smith", "--name-prefix", "ali",
                "--cycle-id", "cyc-0", "--change-id", "ch-1", "--error-code", "Timeout", "--job-id", "scim.tanium-sso",
                "--reported-by", "scim_sink", "--since", "P7D", "--until", "2026-11-28T10:00:00Z", "--sort", "asc",
                "--limit", "2", "--cursor", "abc=");
        assertThat(r.exitCode()).isZero();
        StandIn.Request q = audit.last("GET", "/api/provisioning-logs");
        assertThat(q.query()).isEqualTo("status=failure%2Cwarning&action=create&objectType=User&sourceId=u1&targetId=scim-77"
                + "&nameContains=alice%20smith&namePrefix=ali&cycleId=cyc-0&changeId=ch-1&errorCode=Timeout&jobId=scim.tanium-sso"
                + "&reportedBy=scim_sink&from=P7D&to=2026-11-28T10%3A00%3A00Z&sort=asc&limit=2&cursor=abc%3D");
        assertThat(q.header("Authorization")).isEqualTo("Bearer reader");
    }

    @Test
    void tableListsEntriesAndTellsHowToGetTheNextPage() {
        Cli r = Cli.run("logs", "--audit-url", audit.url());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines().toList()).hasSize(3);
        assertThat(r.out()).startsWith("TIME ").contains("FAILURE  CREATE").contains("alice@contoso.com")
                .contains("SystemForCrossDomainIdentityManagementBadRequest");
        assertThat(r.err()).contains("more entries: add --cursor eyJ0IjoxfQ");
    }

    @Test
    void jsonIsTheAuditPageAndCsvQuotesCommas() {
        Cli json = Cli.run("logs", "--audit-url", audit.url(), "-o", "json");
        assertThat(json.json().path("items").get(0).path("id").asString()).isEqualTo("r1");
        assertThat(json.json().path("nextCursor").asString()).isEqualTo("eyJ0IjoxfQ");
        Cli csv = Cli.run("logs", "--audit-url", audit.url(), "-o", "csv");
        assertThat(csv.out()).startsWith("TIME,STATUS,ACTION,TYPE,SOURCE ID,NAME,TARGET ID,REPORTED BY,ERROR CODE,CHANGE ID,ID\n")
                .contains(",\"bob, jr@contoso.com\",");
    }

    @Test
    void showPrintsStepsModifiedPropertiesAndError() {
        Cli r = Cli.run("logs", "show", "ch-1", "--audit-url", audit.url());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Change ch-1: 2 result(s)")
                .contains("1. [SUCCESS] Import user (EntryImport)")
                .contains("2. [SUCCESS] Determine if user is in scope (EntrySynchronizationScoping)")
                .contains("1. [SUCCESS] Match user between source and target system (EntryImportMatch)")
                .contains("matchedBy: userName")
                .contains("2. [FAILURE] Perform action (EntryExportAdd)")
                .contains("userName  -    alice@contoso.com")
                .contains("error: SystemForCrossDomainIdentityManagementBadRequest (nonServiceFailure): 400 invalidValue: userName");
        Cli json = Cli.run("logs", "show", "ch-1", "--audit-url", audit.url(), "-o", "json");
        assertThat(json.json().path("results").get(1).path("result").path("modifiedProperties").size()).isEqualTo(2);
    }

    @Test
    void unknownChangeOrBadFilterExitsFiveWithTheServicesMessage() {
        Cli missing = Cli.run("logs", "show", "nope", "--audit-url", audit.url());
        assertThat(missing.exitCode()).isEqualTo(5);
        assertThat(missing.err()).contains("audit-service has no results for change nope");
        // the page size limit is the service's configuration (audit.query.max-page-size): only the service can refuse it
        audit.on("GET", "/api/provisioning-logs", 400, "{\"error\":\"limit: must be between 1 and 500, got 100000\"}");
        Cli bad = Cli.run("logs", "--audit-url", audit.url(), "--limit", "100000");
        assertThat(bad.exitCode()).isEqualTo(5);
        assertThat(bad.err()).contains("audit-service answered 400 to GET /api/provisioning-logs: limit: must be between 1 and 500");
    }

    @Test
    void forbiddenNamesTheMissingRole() {
        audit.on("GET", "/api/provisioning-logs", 403, Shapes.spring403("/api/provisioning-logs"));
        Cli r = Cli.run("logs", "--audit-url", audit.url(), "--token", "t");
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("answered 403").contains("Forbidden").contains("the token lacks the role");
    }
}
