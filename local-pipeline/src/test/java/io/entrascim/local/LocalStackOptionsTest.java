package io.entrascim.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LocalStackOptionsTest {

    private static final Path ROOT = Path.of("/repo");
    private static final Map<String, String> SECRETS = Map.of("SCIM_TOKEN", "scim-token-123", "GRAPH_CLIENT_SECRET", "secret-456");
    private static final List<String> REAL_GRAPH = List.of("--graph-url", "https://graph.example", "--graph-tenant-id", "t",
            "--graph-client-id", "c");
    private static final List<String> REAL_TARGET = List.of("--scim-url", "https://tanium.example/scim/v2");

    private static LocalStackOptions parse(List<String> args) {
        return LocalStackOptions.parse(args, ROOT, SECRETS);
    }

    private static List<String> join(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    @Test
    void theDemoTenantAndTheLocalTargetStartFreshEveryRunBecauseTheyKeepTheirObjectsInMemory() {
        LocalStackOptions demo = parse(List.of());
        assertThat(demo.fresh()).isFalse();
        assertThat(demo.startsFresh()).isTrue();
        assertThat(demo.implicitFreshReason()).contains("the demo tenant and the local SCIM target keep their objects in memory")
                .contains(ROOT.resolve(".local-run").toString());

        assertThat(parse(REAL_TARGET).startsFresh()).isTrue();
        assertThat(parse(REAL_TARGET).implicitFreshReason()).contains("the demo tenant keeps its objects");
        assertThat(parse(REAL_GRAPH).startsFresh()).isTrue();
        assertThat(parse(REAL_GRAPH).implicitFreshReason()).contains("the local SCIM target keeps its objects");
    }

    @Test
    void stateIsKeptBetweenRunsOnlyWhenBothEndsAreRealSystems() {
        LocalStackOptions real = parse(join(REAL_GRAPH, REAL_TARGET));
        assertThat(real.startsFresh()).isFalse();
        assertThat(real.implicitFreshReason()).isNull();

        LocalStackOptions asked = parse(join(List.of("--fresh"), join(REAL_GRAPH, REAL_TARGET)));
        assertThat(asked.startsFresh()).isTrue();
        assertThat(asked.implicitFreshReason()).as("asked for, nothing to explain").isNull();
    }

    @Test
    void secretsComeFromTheEnvironmentAndNeverAppearInTheReason() {
        assertThatThrownBy(() -> LocalStackOptions.parse(REAL_TARGET, ROOT, Map.of()))
                .hasMessageContaining("SCIM_TOKEN");
        assertThat(parse(REAL_GRAPH).implicitFreshReason()).doesNotContain("secret-456").doesNotContain("scim-token-123");
    }
}
