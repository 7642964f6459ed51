package io.entrascim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SourceControlCommandsTest {

    private StandIn source;

    @BeforeEach
    void start() {
        source = StandIn.start()
                .on("POST", "/api/pause", 200, "{\"paused\":true}")
                .on("POST", "/api/resume", 200, "{\"paused\":false}")
                .on("POST", "/api/restart", r -> r.query().equals("scope=watermark") || r.query().equals("scope=full")
                        ? new StandIn.Reply(202, "{\"restarted\":\"" + r.query().substring(6) + "\",\"initialCycleQueued\":true}")
                        : new StandIn.Reply(400, "{\"error\":\"scope must be 'watermark' or 'full', was '" + r.query() + "'\"}"));
    }

    @AfterEach
    void stop() {
        source.close();
    }

    @Test
    void pauseAndResumeCallTheSourceAndPrintTheState() {
        Cli paused = Cli.run("pause", "--source-url", source.url(), "-o", "json");
        assertThat(paused.exitCode()).isZero();
        assertThat(paused.json().path("paused").asBoolean()).isTrue();
        Cli resumed = Cli.run("resume", "--source-url", source.url());
        assertThat(resumed.exitCode()).isZero();
        assertThat(resumed.out()).contains("Provisioning resumed");
        assertThat(source.requests()).extracting(StandIn.Request::path).containsExactly("/api/pause", "/api/resume");
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
    void scopesTheServicesDoNotOfferExitTwoWithoutCallingAnything() {
        for (String scope : new String[] {"quarantine", "escrows"}) {
            Cli r = Cli.run("restart", "--scope", scope, "--source-url", source.url());
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("restart --scope " + scope + " is not supported by the services yet");
        }
        assertThat(Cli.run("restart", "--scope", "everything", "--source-url", source.url()).exitCode()).isEqualTo(2);
        assertThat(source.requests()).isEmpty();
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
        source.on("POST", "/api/pause", 500, "{\"error\":\"checkpoint store unavailable\"}");
        Cli r = Cli.run("pause", "--source-url", source.url());
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("source-connector answered 500 to POST /api/pause: checkpoint store unavailable");
    }
}
