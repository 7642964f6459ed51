package io.entrascim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input is a usage error (exit 2) with one line naming the option and the value, found before any service is
 * called: a typo must not look like an outage (exit 4) or a service's 400 about a parameter the user never typed.
 */
class UsageErrorsTest {

    private StandIn service;

    @BeforeEach
    void start() {
        service = StandIn.start()
                .on("GET", "/api/provisioning-logs", 200, Shapes.logPage(null))
                .on("POST", "/api/dead-letters/replay", 200, Shapes.sinkReplay(true));
    }

    @AfterEach
    void stop() {
        service.close();
    }

    /** Every service URL pointing at the one stand-in, so any call that should not happen is recorded. */
    private Cli run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--source-url", service.url(), "--mapper-url", service.url(), "--sink-url", service.url(),
                "--audit-url", service.url()));
        return Cli.run(all.toArray(String[]::new));
    }

    private void assertUsageError(Cli r, String message) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").contains(message);
        assertThat(r.out()).isEmpty();
        assertThat(service.requests()).isEmpty();
    }

    @Test
    void badTimesNameTheOptionAndTheValue() {
        assertUsageError(run("logs", "--since", "yesterday"), "--since must be an ISO-8601 instant such as "
                + "2026-11-28T00:00:00Z or a duration back from now such as P7D or PT1H, was 'yesterday'");
        assertUsageError(run("logs", "--until", "2026-13-01T00:00:00Z"), "--until must be an ISO-8601 instant");
        assertUsageError(run("status", "--since", "last week"), "--since must be an ISO-8601 instant");
        assertUsageError(run("replay", "--since", "P1D"), "--since must be an ISO-8601 instant such as 2026-11-28T00:00:00Z, "
                + "was 'P1D'");
        assertUsageError(run("replay", "--until", "soon"), "--until must be an ISO-8601 instant");
    }

    @Test
    void goodTimesAndFilterValuesGoThroughAsTyped() {
        Cli r = run("logs", "--since", "P7D", "--until", "2026-11-28T00:00:00Z", "--status", "failure,Warning",
                "--action", "stagedDelete,staged_delete", "--object-type", "user", "--reported-by", "SCIM_SINK", "--sort", "asc",
                "--limit", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(service.last("GET", "/api/provisioning-logs").query()).isEqualTo("status=failure%2CWarning&action=stagedDelete"
                + "%2Cstaged_delete&objectType=user&reportedBy=SCIM_SINK&from=P7D&to=2026-11-28T00%3A00%3A00Z&sort=asc&limit=1");
    }

    @Test
    void logFilterValuesTheLogDoesNotTakeAreRefusedBeforeAnyCall() {
        assertUsageError(run("logs", "--status", "failure,bogus"),
                "--status must be a comma-separated list of success, failure, skipped, warning, was 'bogus'");
        assertUsageError(run("logs", "--action", "purge"), "--action must be a comma-separated list of create, update, delete, "
                + "disable, stagedDelete, other, was 'purge'");
        assertUsageError(run("logs", "--object-type", "Robot"), "--object-type must be one of User, Group, was 'Robot'");
        assertUsageError(run("logs", "--reported-by", "mapper"), "--reported-by must be one of source_connector, mapper_service, "
                + "scim_sink, audit_service, was 'mapper'");
        assertUsageError(run("logs", "--sort", "up"), "--sort must be one of asc, desc, was 'up'");
        assertUsageError(run("logs", "--limit", "0"), "--limit must be at least 1, was 0");
    }

    @Test
    void replayAndDeletionValuesTheSinkWouldSilentlyMisreadAreRefused() {
        assertUsageError(run("replay", "--error-class", "weird"), "--error-class must be one of retriable, permanent, conflict, "
                + "was 'weird'");
        assertUsageError(run("replay", "--http-status", "42"), "--http-status must be between 100 and 599, was 42");
        assertUsageError(run("deletions", "list", "--limit", "5000"), "--limit must be between 1 and 1000, was 5000");
        Cli ok = run("replay", "--error-class", "CONFLICT", "--http-status", "409", "--dry-run");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(service.last("POST", "/api/dead-letters/replay").body()).contains("\"errorClass\":\"CONFLICT\"")
                .contains("\"httpStatus\":409");
    }

    @Test
    void provisionNeedsAnObjectAndAPositiveWait() {
        assertUsageError(run("provision", " "), "OBJECT must be a user object id, a userPrincipalName or a group object id");
        assertUsageError(run("provision", "alice@contoso.com", "--wait", "0"), "--wait must be at least 1, was 0");
    }

    @Test
    void unknownOrMalformedFlagsAreOneLineNamingTheFlagAndPointToHelp() {
        Cli unknown = run("status", "--bogus");
        assertUsageError(unknown, "Unknown option: '--bogus'");
        assertThat(unknown.err()).contains("see 'provisionctl status --help'").doesNotContain("Usage:");

        Cli notAnInt = run("logs", "--limit", "abc");
        assertUsageError(notAnInt, "Invalid value for option '--limit': 'abc' is not an int");
        assertThat(notAnInt.err()).contains("see 'provisionctl logs --help'");

        Cli typo = run("stauts");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).startsWith("error: ").contains("stauts").contains("status");

        assertUsageError(run("restart", "--scope", "everything"), "--scope");
        assertThat(Cli.run().exitCode()).isEqualTo(2);
    }

    @Test
    void badSettingsNameWhereTheValueCameFrom() {
        Cli flag = run("logs", "--output", "xml");
        assertUsageError(flag, "--output must be table, json or csv, was 'xml'");

        Environment env = new Environment(Map.of("PROVISIONCTL_OUTPUT", "yaml", "PROVISIONCTL_AUDIT_URL", service.url()),
                Cli.ISOLATED.home());
        Cli fromEnv = Cli.run(env, "logs");
        assertThat(fromEnv.exitCode()).isEqualTo(2);
        assertThat(fromEnv.err()).isEqualTo("error: PROVISIONCTL_OUTPUT must be table, json or csv, was 'yaml'\n");

        Cli url = Cli.run(new Environment(Map.of("PROVISIONCTL_SINK_URL", "http://"), Cli.ISOLATED.home()), "deletions", "list");
        assertThat(url.exitCode()).isEqualTo(2);
        assertThat(url.err()).isEqualTo("error: PROVISIONCTL_SINK_URL must be an http:// or https:// URL with a host, such as "
                + "http://127.0.0.1:8083, was 'http://'\n");
        Cli noScheme = Cli.run("trigger", "--source-url", "127.0.0.1:8081");
        assertThat(noScheme.exitCode()).isEqualTo(2);
        assertThat(noScheme.err()).startsWith("error: --source-url must be an http:// or https:// URL");
        assertUsageError(run("logs", "--timeout", "-3"), "--timeout must be a positive number of seconds, was '-3'");
    }
}
