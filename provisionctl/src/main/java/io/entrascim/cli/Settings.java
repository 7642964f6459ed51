package io.entrascim.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * The resolved connection settings. Precedence per setting: the subcommand's flag, the flag before the subcommand,
 * the environment variable, the config file, the built-in default. Tokens are held here only; {@link #toString()}
 * never shows them.
 */
record Settings(String sourceUrl, String mapperUrl, String sinkUrl, String auditUrl, String token, String sinkToken,
                Output.Format format, Duration timeout) {

    static final String DEFAULT_SOURCE = "http://127.0.0.1:8081";
    static final String DEFAULT_MAPPER = "http://127.0.0.1:8082";
    static final String DEFAULT_SINK = "http://127.0.0.1:8083";
    static final String DEFAULT_AUDIT = "http://127.0.0.1:8084";

    /** A setting that cannot be used; {@link #exitCode} says whether it is a usage error or an unreadable file. */
    static final class SettingsException extends Exception {
        final int exitCode;

        SettingsException(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    static Settings resolve(GlobalOptions local, GlobalOptions root, Environment env) throws SettingsException {
        String configFile = first(local == null ? null : local.config, root == null ? null : root.config,
                env.get("PROVISIONCTL_CONFIG"));
        Properties file = load(configFile, env);
        Resolver r = new Resolver(local, root, env, file);
        String formatName = r.value(o -> o.output, "PROVISIONCTL_OUTPUT", "output", "table");
        Output.Format format;
        try {
            format = Output.Format.valueOf(formatName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SettingsException(ExitCodes.USAGE, r.origin(o -> o.output, "PROVISIONCTL_OUTPUT", "output", "--output")
                    + " must be table, json or csv, was '" + formatName + "'");
        }
        String timeoutText = r.value(o -> o.timeoutSeconds == null ? null : o.timeoutSeconds.toString(),
                "PROVISIONCTL_TIMEOUT", "timeout", "10");
        int timeout;
        try {
            timeout = Integer.parseInt(timeoutText);
        } catch (NumberFormatException e) {
            timeout = -1;
        }
        if (timeout < 1) {
            throw new SettingsException(ExitCodes.USAGE, r.origin(o -> o.timeoutSeconds == null ? null : o.timeoutSeconds.toString(),
                    "PROVISIONCTL_TIMEOUT", "timeout", "--timeout") + " must be a positive number of seconds, was '" + timeoutText + "'");
        }
        return new Settings(
                url(r, o -> o.sourceUrl, "PROVISIONCTL_SOURCE_URL", "source-url", DEFAULT_SOURCE),
                url(r, o -> o.mapperUrl, "PROVISIONCTL_MAPPER_URL", "mapper-url", DEFAULT_MAPPER),
                url(r, o -> o.sinkUrl, "PROVISIONCTL_SINK_URL", "sink-url", DEFAULT_SINK),
                url(r, o -> o.auditUrl, "PROVISIONCTL_AUDIT_URL", "audit-url", DEFAULT_AUDIT),
                r.value(o -> o.token, "PROVISIONCTL_TOKEN", "token", null),
                r.value(o -> o.sinkToken, "PROVISIONCTL_SINK_TOKEN", "sink-token", null),
                format, Duration.ofSeconds(timeout));
    }

    private static Properties load(String explicit, Environment env) throws SettingsException {
        Path path = explicit != null ? Path.of(explicit) : env.home().resolve(".config/provisionctl/config.properties");
        Properties p = new Properties();
        if (explicit == null && !Files.exists(path)) {
            return p;
        }
        try (Reader in = Files.newBufferedReader(path)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new SettingsException(ExitCodes.INPUT, "cannot read config file " + path + ": " + e.getMessage());
        }
        return p;
    }

    private static String url(Resolver r, java.util.function.Function<GlobalOptions, String> flag, String envName, String key,
                              String fallback) throws SettingsException {
        String value = r.value(flag, envName, key, fallback);
        String v = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        boolean valid;
        try {
            java.net.URI uri = java.net.URI.create(v);
            valid = (v.startsWith("http://") || v.startsWith("https://")) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            valid = false;
        }
        if (!valid) {
            throw new SettingsException(ExitCodes.USAGE, r.origin(flag, envName, key, "--" + key)
                    + " must be an http:// or https:// URL with a host, such as " + fallback + ", was '" + value + "'");
        }
        return v;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    private record Resolver(GlobalOptions local, GlobalOptions root, Environment env, Properties file) {
        String value(java.util.function.Function<GlobalOptions, String> flag, String envName, String key, String fallback) {
            String v = first(local == null ? null : flag.apply(local), root == null ? null : flag.apply(root), env.get(envName),
                    file.getProperty(key));
            return v == null ? fallback : v;
        }

        /** Where the value in use came from, for error messages: the flag, the variable or the config file key. */
        String origin(java.util.function.Function<GlobalOptions, String> flag, String envName, String key, String option) {
            if (first(local == null ? null : flag.apply(local), root == null ? null : flag.apply(root)) != null) {
                return option;
            }
            if (first(env.get(envName)) != null) {
                return envName;
            }
            if (first(file.getProperty(key)) != null) {
                return "config file key '" + key + "'";
            }
            return option;
        }
    }

    @Override
    public String toString() {
        return "Settings[source=" + sourceUrl + ", mapper=" + mapperUrl + ", sink=" + sinkUrl + ", audit=" + auditUrl
                + ", token=" + (token == null ? "none" : "set") + ", sinkToken=" + (sinkToken == null ? "none" : "set")
                + ", format=" + format + ", timeout=" + timeout + "]";
    }
}
