package io.entrascim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

import picocli.CommandLine;

/** Runs provisionctl in-process and captures exit code, stdout and stderr. */
record Cli(int exitCode, String out, String err) {

    /** No environment variables and a home without a config file: the developer's own settings never leak in. */
    static final Environment ISOLATED = new Environment(Map.of(), Path.of("/nonexistent-provisionctl-home"));

    static Cli run(String... args) {
        return run(ISOLATED, args);
    }

    static Cli run(Environment environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = ProvisionCtl.commandLine(environment);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Cli(code, out.toString(), err.toString());
    }

    tools.jackson.databind.JsonNode json() {
        return Json.MAPPER.readTree(out);
    }

    static String resource(String name) {
        try {
            return Path.of(Cli.class.getResource("/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
