package io.entrascim.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What to run locally. Every stand-in can be replaced by the real thing: an external Kafka, an
 * external Microsoft Graph endpoint (a sandbox tenant) and an external SCIM target (a Tanium sandbox).
 *
 * @param repoRoot     the checkout, where the service jars are built
 * @param dataDir      where the broker, PostgreSQL and logs keep their files
 * @param fresh        wipe the state in {@code dataDir} first (a brand-new initial cycle)
 * @param users        users to seed in the demo tenant
 * @param groups       groups to seed in the demo tenant
 * @param kafka        bootstrap servers of an external broker, or null to start one
 * @param graph        an external Graph endpoint, or null for the demo tenant
 * @param scim         an external SCIM target, or null for the local target
 * @param pollInterval interval between incremental cycles
 * @param ports        TCP ports of every part
 * @param targetKind   which local SCIM target runs when {@code scim} is null
 */
record LocalStackOptions(Path repoRoot, Path dataDir, boolean fresh, int users, int groups, String kafka,
                         ExternalGraph graph, ExternalScim scim, Duration pollInterval, Ports ports,
                         TargetKind targetKind) {

    /**
     * Whether the run wipes {@code dataDir} before it starts. The demo tenant and the local SCIM target keep their
     * objects in memory and start over with every run, while the broker (the source's delta checkpoints) and
     * PostgreSQL (the sink's links) keep theirs on disk: resumed against a new, empty target, the pipeline would see
     * no change in the tenant and leave the target empty. So state is kept between runs only when both ends are
     * external, real systems that keep theirs too.
     */
    boolean startsFresh() {
        return fresh || graph == null || scim == null;
    }

    /** Why {@link #startsFresh()} holds although {@code --fresh} was not given, or null. */
    String implicitFreshReason() {
        if (fresh || !startsFresh()) {
            return null;
        }
        String inMemory = graph == null && scim == null ? "the demo tenant and the local SCIM target keep their"
                : graph == null ? "the demo tenant keeps its" : "the local SCIM target keeps its";
        return "starting fresh (the state in " + dataDir + " wiped): " + inMemory
                + " objects in memory only, so the checkpoints and links of an earlier run would not match them";
    }

    /** The local SCIM target: the full scim-sdk-server one (default) or the fast one built for benchmarks. */
    enum TargetKind { SCIM_SDK, FAST }

    /**
     * @param baseUrl          Graph base, e.g. https://graph.microsoft.com
     * @param tokenUrl         OAuth2 token endpoint, e.g. https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token
     * @param tenantId         tenant id
     * @param clientId         app registration client id
     * @param clientSecret     client secret (from the environment, never a flag)
     * @param servicePrincipalId the provisioning app's service principal, for assignment scope
     */
    record ExternalGraph(String baseUrl, String tokenUrl, String tenantId, String clientId, String clientSecret,
                         String servicePrincipalId) {
    }

    /** @param baseUrl SCIM base URL; @param token bearer token (from the environment, never a flag) */
    record ExternalScim(String baseUrl, String token) {
    }

    static final String USAGE = """
            Usage: bin/run-local [options]
              --users N              users in the demo tenant (default 300)
              --groups N             groups in the demo tenant (default 20)
              --fresh                wipe .local-run first: new broker, database and initial cycle (always
                                     done unless both --graph-url and --scim-url are given: the demo tenant
                                     and the local SCIM target keep their objects in memory only)
              --data-dir DIR         where state and logs go (default .local-run)
              --poll-interval DUR    time between incremental cycles, ISO-8601 or 5s / 1m (default 5s)
              --kafka HOST:PORT      use this Kafka instead of starting a broker
              --fast-target          use the fast in-process SCIM target (test-kit fastscim) instead of
                                     the scim-sdk-server one: for large tenants and benchmarks
              --scim-url URL         provision into this SCIM target instead of the local one;
                                     the token comes from the environment variable SCIM_TOKEN
              --graph-url URL        read this Microsoft Graph instead of the demo tenant; also needs
                                     --graph-tenant-id, --graph-client-id, --graph-service-principal-id,
                                     optional --graph-token-url, and GRAPH_CLIENT_SECRET in the environment
            """;

    static LocalStackOptions parse(List<String> args, Path repoRoot, java.util.Map<String, String> env) {
        Path dataDir = repoRoot.resolve(".local-run");
        boolean fresh = false;
        int users = 300;
        int groups = 20;
        String kafka = null;
        String scimUrl = null;
        String graphUrl = null;
        String graphTokenUrl = null;
        String tenantId = null;
        String clientId = null;
        String spId = null;
        Duration poll = Duration.ofSeconds(5);
        TargetKind targetKind = TargetKind.SCIM_SDK;
        Deque<String> q = new ArrayDeque<>(args);
        while (!q.isEmpty()) {
            String a = q.pop();
            switch (a) {
                case "--fresh" -> fresh = true;
                case "--fast-target" -> targetKind = TargetKind.FAST;
                case "--users" -> users = positive(a, value(q, a));
                case "--groups" -> groups = positive(a, value(q, a));
                case "--data-dir" -> dataDir = Path.of(value(q, a)).toAbsolutePath();
                case "--poll-interval" -> poll = duration(a, value(q, a));
                case "--kafka" -> kafka = value(q, a);
                case "--scim-url" -> scimUrl = value(q, a);
                case "--graph-url" -> graphUrl = value(q, a);
                case "--graph-token-url" -> graphTokenUrl = value(q, a);
                case "--graph-tenant-id" -> tenantId = value(q, a);
                case "--graph-client-id" -> clientId = value(q, a);
                case "--graph-service-principal-id" -> spId = value(q, a);
                case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            }
        }
        ExternalScim scim = null;
        if (scimUrl != null) {
            String token = env.get("SCIM_TOKEN");
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("--scim-url needs the target's bearer token in the environment variable SCIM_TOKEN");
            }
            scim = new ExternalScim(scimUrl, token);
        }
        ExternalGraph graph = null;
        if (graphUrl != null) {
            String secret = env.get("GRAPH_CLIENT_SECRET");
            if (tenantId == null || clientId == null) {
                throw new IllegalArgumentException("--graph-url needs --graph-tenant-id and --graph-client-id");
            }
            if (secret == null || secret.isBlank()) {
                throw new IllegalArgumentException("--graph-url needs the client secret in the environment variable GRAPH_CLIENT_SECRET");
            }
            if (graphTokenUrl == null) {
                graphTokenUrl = "https://login.microsoftonline.com/" + tenantId + "/oauth2/v2.0/token";
            }
            graph = new ExternalGraph(graphUrl, graphTokenUrl, tenantId, clientId, secret, spId);
        }
        return new LocalStackOptions(repoRoot, dataDir, fresh, users, groups, kafka, graph, scim, poll, Ports.defaults(), targetKind);
    }

    private static String value(Deque<String> q, String option) {
        if (q.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return q.pop();
    }

    private static int positive(String option, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a whole number >= 0, got '" + v + "'");
    }

    static Duration duration(String option, String v) {
        try {
            if (v.matches("\\d+(ms|s|m|h)")) {
                long n = Long.parseLong(v.replaceAll("\\D", ""));
                return switch (v.replaceAll("\\d", "")) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
            return Duration.parse(v);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + " must be a duration like 5s, 1m or PT30S, got '" + v + "'");
        }
    }
}
