package io.entrascim.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the CLI reads from outside its arguments: environment variables and the home directory (for the default
 * config file). Passed in rather than read globally so tests can run isolated from the developer's own settings.
 */
record Environment(Map<String, String> variables, Path home) {

    static Environment system() {
        return new Environment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    String get(String name) {
        String v = variables.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
