package io.entrascim.sink;

import io.entrascim.contracts.Operation;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PauseResumeTest extends SinkTestBase {

    @LocalServerPort
    int port;
    @Autowired
    BindingsLifecycleController bindings;

    @Test
    void pausedSinkWritesNothingAndResumeWritesEverything() throws Exception {
        assertThat(SinkApi.post(port, "/api/pause", "").get("provisioning").asString()).isEqualTo("PAUSED");
        await().atMost(Duration.ofSeconds(10)).until(() -> bindings.queryState("scimCommands-in-0").stream().allMatch(b -> b.isPaused()));
        List<ProvisioningCommand> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = newId();
            ProvisioningCommand c = user(id, Operation.UPSERT, "paused-" + id + "@contoso.com", Map.of("displayName", "P"));
            send(c);
            sent.add(c);
        }
        Thread.sleep(3000);
        for (ProvisioningCommand c : sent) {
            assertThat(TARGET.userByUserName(userName(c))).isEmpty();
            assertThat(results(r -> r.changeId().equals(c.causingEventId()))).isEmpty();
        }
        assertThat(SinkApi.get(port, "/api/state").get("pausedBy").toString()).contains("OPERATOR");

        assertThat(SinkApi.post(port, "/api/resume", "").get("provisioning").asString()).isEqualTo("RUNNING");
        for (ProvisioningCommand c : sent) {
            assertThat(awaitResultFor(c).status()).isEqualTo(ProvisioningStatus.SUCCESS);
            assertThat(TARGET.userByUserName(userName(c))).isPresent();
        }
    }

    private static String userName(ProvisioningCommand c) {
        return (String) c.attributes().stream().filter(a -> a.name().equals("userName")).findFirst().orElseThrow().value();
    }
}
