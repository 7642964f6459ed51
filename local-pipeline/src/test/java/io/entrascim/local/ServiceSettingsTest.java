package io.entrascim.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.entrascim.testkit.graph.DemoTenant;
import io.entrascim.testkit.graph.TenantSeed;
import org.junit.jupiter.api.Test;

class ServiceSettingsTest {

    private static final Map<String, String> ENV = Map.of("GRAPH_CLIENT_SECRET", "graph-secret-123");

    private static String checkpointKey(LocalStackOptions options, DemoTenant tenant) {
        return new ServiceSettings(options, "127.0.0.1:9092", null, tenant, null, "reader", "operator")
                .source().properties().get("source.checkpoint-key");
    }

    @Test
    void eachRunOfTheDemoTenantReadsItUnderACheckpointKeyOfItsOwnSoAnExternalBrokerCannotResumeAnEarlierRun() {
        LocalStackOptions options = LocalStackOptions.parse(List.of("--kafka", "127.0.0.1:9092"), Path.of("/repo"), Map.of());
        try (DemoTenant tenant = DemoTenant.start(0, TenantSeed.empty())) {
            String first = checkpointKey(options, tenant);
            String second = checkpointKey(options, tenant);
            assertThat(first).startsWith("demo-tenant-run-");
            assertThat(second).startsWith("demo-tenant-run-").isNotEqualTo(first);
        }
    }

    @Test
    void aRealTenantKeepsTheDefaultCheckpointKeySoItsDeltaResumesAcrossRuns() {
        LocalStackOptions options = LocalStackOptions.parse(List.of("--graph-url", "https://graph.example",
                "--graph-tenant-id", "t", "--graph-client-id", "c"), Path.of("/repo"), ENV);
        assertThat(checkpointKey(options, null)).isNull();
    }
}
