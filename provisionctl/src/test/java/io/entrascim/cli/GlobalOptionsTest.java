package io.entrascim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobalOptionsTest {

    private StandIn source;
    private StandIn audit;

    @BeforeEach
    void start() {
        source = StandIn.start().on("POST", "/api/pause", 200, "{\"paused\":true}")
                .on("POST", "/api/cycles/trigger", 202, "{\"accepted\":true,\"alreadyQueued\":false}");
        audit = StandIn.start().on("GET", "/api/provisioning-logs", 200, Shapes.logPage(null));
    }

    @AfterEach
    void stop() {
        source.close();
        audit.close();
    }

    @Test
    void flagsWorkBeforeAndAfterTheSubcommandAndTheLaterOneWins() {
        assertThat(Cli.run("--source-url", source.url(), "trigger").exitCode()).isZero();
        assertThat(Cli.run("--source-url", StandIn.deadUrl(), "trigger", "--source-url", source.url()).exitCode()).isZero();
        assertThat(source.requests()).hasSize(2);
    }

    @Test
    void environmentVariablesAreUsedWhenNoFlagIsGiven() {
        Environment env = new Environment(Map.of("PROVISIONCTL_AUDIT_URL", audit.url(), "PROVISIONCTL_TOKEN", "env-reader-token",
                "PROVISIONCTL_OUTPUT", "json"), Cli.ISOLATED.home());
        Cli r = Cli.run(env, "logs");
        assertThat(r.exitCode()).isZero();
        assertThat(r.json().path("items").isArray()).isTrue();
        assertThat(audit.last("GET", "/api/provisioning-logs").header("Authorization")).isEqualTo("Bearer env-reader-token");
    }

    @Test
    void configFileIsReadFromHomeOrFromConfigAndFlagsAndEnvironmentWinOverIt(@TempDir Path home) throws Exception {
        Path dir = Files.createDirectories(home.resolve(".config/provisionctl"));
        Files.writeString(dir.resolve("config.properties"), "audit-url=" + audit.url() + "\ntoken=file-token\n");
        assertThat(Cli.run(new Environment(Map.of(), home), "logs").exitCode()).isZero();
        assertThat(audit.last("GET", "/api/provisioning-logs").header("Authorization")).isEqualTo("Bearer file-token");

        assertThat(Cli.run(new Environment(Map.of("PROVISIONCTL_TOKEN", "env-token"), home), "logs").exitCode()).isZero();
        assertThat(audit.last("GET", "/api/provisioning-logs").header("Authorization")).isEqualTo("Bearer env-token");

        assertThat(Cli.run(new Environment(Map.of("PROVISIONCTL_TOKEN", "env-token"), home), "logs", "--token", "flag-token").exitCode())
                .isZero();
        assertThat(audit.last("GET", "/api/provisioning-logs").header("Authorization")).isEqualTo("Bearer flag-token");

        Path other = Files.writeString(home.resolve("other.properties"), "audit-url=" + audit.url() + "\ntoken=other-token\n");
        assertThat(Cli.run("--config", other.toString(), "logs").exitCode()).isZero();
        assertThat(audit.last("GET", "/api/provisioning-logs").header("Authorization")).isEqualTo("Bearer other-token");
    }

    @Test
    void missingExplicitConfigFileExitsOne(@TempDir Path dir) {
        Cli r = Cli.run("logs", "--config", dir.resolve("missing.properties").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("cannot read config file").contains("missing.properties");
    }

    @Test
    void badOutputFormatOrUrlExitsTwo() {
        assertThat(Cli.run("logs", "--output", "xml").err()).contains("--output must be table, json or csv");
        assertThat(Cli.run("logs", "--output", "xml").exitCode()).isEqualTo(2);
        assertThat(Cli.run("logs", "--audit-url", "localhost:8084").exitCode()).isEqualTo(2);
    }

    @Test
    void unreachableServiceExitsFourNamingTheUrl() {
        String dead = StandIn.deadUrl();
        Cli r = Cli.run("trigger", "--source-url", dead);
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).contains("source-connector is unreachable at " + dead + "/api/cycles/trigger").contains("--source-url");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void tokensAreNeverPrinted() {
        audit.on("GET", "/api/provisioning-logs", 401, Shapes.spring401("/api/provisioning-logs"));
        Cli r = Cli.run("logs", "--audit-url", audit.url(), "--token", "s3cret-reader-token", "--output", "json");
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.out() + r.err()).doesNotContain("s3cret-reader-token");
        assertThat(r.err()).contains("audit-service answered 401").contains("check the token: --token");
        assertThat(new Settings("http://a", "http://b", "http://c", "http://d", "t1-secret", "t2-secret", Output.Format.JSON,
                java.time.Duration.ofSeconds(1)).toString()).doesNotContain("secret");
    }

    @Test
    void tokensGoOnlyToTheirOwnService() {
        StandIn sink = StandIn.start().on("POST", "/api/connection/test", 200, Shapes.CONNECTION_OK)
                .on("POST", "/api/pause", 200, Shapes.sinkState("PAUSED", null, false, 0, "OPERATOR"));
        try {
            Cli.run("connection", "test", "--sink-url", sink.url(), "--token", "audit-token", "--sink-token", "sink-token");
            Cli.run("pause", "--source", "--source-url", source.url(), "--sink-url", sink.url(), "--token", "audit-token",
                    "--sink-token", "sink-token");
            assertThat(sink.last("POST", "/api/connection/test").header("Authorization")).isEqualTo("Bearer sink-token");
            assertThat(sink.last("POST", "/api/pause").header("Authorization")).isEqualTo("Bearer sink-token");
            assertThat(source.last("POST", "/api/pause").header("Authorization")).isNull();
        } finally {
            sink.close();
        }
    }
}
