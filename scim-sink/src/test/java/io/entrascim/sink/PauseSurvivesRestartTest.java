package io.entrascim.sink;

import io.entrascim.contracts.Operation;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.Topics;
import io.entrascim.sink.core.OperatorPause;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.binder.kafka.KafkaListenerContainerCustomizer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator's pause is stored in PostgreSQL: a sink started while it is stored starts paused (its command
 * container is paused before the first poll) and stays paused until resumed; resuming loses nothing.
 */
class PauseSurvivesRestartTest extends SinkTestBase {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KafkaListenerContainerCustomizer containerCustomizer;

    @Test
    void storedPauseKeepsARestartedSinkPausedUntilResumedAndNothingIsLost() throws Exception {
        JsonNode paused = SinkApi.post(port, "/api/pause", "{\"by\":\"alice@contoso.com\",\"reason\":\"target maintenance\"}");
        assertThat(paused.get("provisioning").asString()).isEqualTo("PAUSED");
        assertThat(paused.get("operatorPause").get("by").asString()).isEqualTo("alice@contoso.com");
        List<ProvisioningCommand> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = newId();
            ProvisioningCommand c = user(id, Operation.UPSERT, "kept-paused-" + id + "@contoso.com", Map.of("displayName", "K"));
            send(c);
            sent.add(c);
        }

        // A restart: new objects over the same database see the pause, with who, why and when.
        OperatorPause.Pause reopened = new OperatorPause(jdbc).current().orElseThrow();
        assertThat(reopened.by()).isEqualTo("alice@contoso.com");
        assertThat(reopened.reason()).isEqualTo("target maintenance");
        assertThat(reopened.since()).isNotNull();
        // ...and a command container created by the binder at start-up (same customizer) starts paused.
        AtomicInteger consumed = new AtomicInteger();
        ConcurrentMessageListenerContainer<byte[], byte[]> restarted = container("restarted-sink-probe", consumed);
        containerCustomizer.configure(restarted, Topics.COMMANDS, "restarted-sink-probe", null);
        restarted.start();
        try {
            Thread.sleep(3000);
            assertThat(restarted.isPauseRequested()).isTrue();
            assertThat(consumed.get()).as("records consumed by a container started while paused").isZero();
            for (ProvisioningCommand c : sent) {
                assertThat(results(r -> r.changeId().equals(c.causingEventId()))).isEmpty();
            }

            JsonNode resumed = SinkApi.post(port, "/api/resume", "");
            assertThat(resumed.get("provisioning").asString()).isEqualTo("RUNNING");
            assertThat(resumed.get("operatorPause").isNull()).isTrue();
            assertThat(new OperatorPause(jdbc).current()).isEmpty();
            for (ProvisioningCommand c : sent) {
                assertThat(awaitResultFor(c).status()).isEqualTo(ProvisioningStatus.SUCCESS);
            }
            // The probe is a working consumer: once resumed it reads the commands it held back.
            restarted.resume();
            await().atMost(Duration.ofSeconds(20)).until(() -> consumed.get() >= sent.size());
        } finally {
            restarted.stop();
        }
    }

    private ConcurrentMessageListenerContainer<byte[], byte[]> container(String group, AtomicInteger consumed) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, group, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        ContainerProperties cp = new ContainerProperties(Topics.COMMANDS);
        cp.setMessageListener((MessageListener<byte[], byte[]>) r -> consumed.incrementAndGet());
        return new ConcurrentMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer()), cp);
    }
}
