package io.entrascim.cli;

import static io.entrascim.cli.Cli.resource;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExprEvalCommandTest {

    @Test
    void printsTheResultAsOneJsonValue() {
        Cli r = Cli.run("expr", "eval", "--expression", "Join(\".\", ToLower([givenName]), ToLower([surname]))",
                "--source", resource("alice.json"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip()).isEqualTo("\"alice.smith\"");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void printsArraysNumbersAndBooleansAsJson() {
        assertThat(Cli.run("expr", "eval", "-e", "Split(\"a,b\", \",\")").out().strip()).isEqualTo("[\"a\",\"b\"]");
        assertThat(Cli.run("expr", "eval", "-e", "Count([proxyAddresses])", "-s", resource("alice.json")).out().strip()).isEqualTo("2");
        assertThat(Cli.run("expr", "eval", "-e", "Switch([IsSoftDeleted], , \"False\", \"True\", \"True\", \"False\")",
                "--soft-deleted").out().strip()).isEqualTo("\"False\"");
    }

    @Test
    void droppedAttributePrintsNullAndSaysSoOnStderr() {
        Cli r = Cli.run("expr", "eval", "-e", "IgnoreFlowIfNullOrEmpty([jobTitle])", "-s", resource("alice.json"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip()).isEqualTo("null");
        assertThat(r.err()).contains("IgnoreFlowIfNullOrEmpty dropped the attribute");
    }

    @Test
    void parseErrorExitsTwoWithTheColumn() {
        Cli r = Cli.run("expr", "eval", "-e", "Append([mail] \"x\")");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("parse error at column 15").contains("expected ',' or ')'")
                .contains("  Append([mail] \"x\")\n" + "                ^");
    }

    @Test
    void evaluationErrorExitsThree() {
        Cli r = Cli.run("expr", "eval", "-e", "CDate(\"yesterday\")");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("CDate cannot read \"yesterday\"");
    }

    @Test
    void unreadableSourceExitsOne(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "[1,2]");
        assertThat(Cli.run("expr", "eval", "-e", "[a]", "-s", bad.toString()).exitCode()).isEqualTo(1);
        assertThat(Cli.run("expr", "eval", "-e", "[a]", "-s", dir.resolve("missing.json").toString()).err()).contains("cannot read");
    }

    @Test
    void missingExpressionIsAUsageError() {
        Cli r = Cli.run("expr", "eval");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required option: '--expression=<expression>'");
        assertThat(Cli.run().exitCode()).isEqualTo(2);
    }
}
