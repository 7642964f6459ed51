package io.entrascim.cli;

import picocli.CommandLine.Option;

/**
 * Options every operator command accepts, both before the subcommand ({@code provisionctl --token t logs}) and after
 * it ({@code provisionctl logs --token t}); the latter wins. A mixin rather than an inherited option because
 * {@code mapping preview} already has its own {@code --config}. No defaults here: {@link Settings} applies the
 * precedence flag > environment > config file > built-in default.
 */
final class GlobalOptions {

    @Option(names = "--source-url", paramLabel = "URL",
            description = "source-connector base URL (env PROVISIONCTL_SOURCE_URL; default http://127.0.0.1:8081)")
    String sourceUrl;

    @Option(names = "--mapper-url", paramLabel = "URL",
            description = "mapper-service base URL (env PROVISIONCTL_MAPPER_URL; default http://127.0.0.1:8082)")
    String mapperUrl;

    @Option(names = "--sink-url", paramLabel = "URL",
            description = "scim-sink base URL (env PROVISIONCTL_SINK_URL; default http://127.0.0.1:8083)")
    String sinkUrl;

    @Option(names = "--audit-url", paramLabel = "URL",
            description = "audit-service base URL (env PROVISIONCTL_AUDIT_URL; default http://127.0.0.1:8084)")
    String auditUrl;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "audit-service bearer token, reader or operator (env PROVISIONCTL_TOKEN)")
    String token;

    @Option(names = "--sink-token", paramLabel = "TOKEN",
            description = "scim-sink operator token, sink.api.operator-token (env PROVISIONCTL_SINK_TOKEN)")
    String sinkToken;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "table, json or csv (env PROVISIONCTL_OUTPUT; default table)")
    String output;

    @Option(names = "--config", paramLabel = "FILE",
            description = "properties file (env PROVISIONCTL_CONFIG; default ~/.config/provisionctl/config.properties)")
    String config;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "per-request timeout in seconds (env PROVISIONCTL_TIMEOUT; default 10)")
    Integer timeoutSeconds;
}
