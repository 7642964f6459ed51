package io.entrascim.audit.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/** Kafka out of reach: every entry carries the reason, nothing is thrown, and the gauge shows no number. */
class ConsumerLagMeterTest {

    @Test
    void unreachableKafkaGivesAnErrorOnEveryEntryInsteadOfAnException() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1000))) {
            ConsumerLagMeter meter = new ConsumerLagMeter(admin, LagProperties.PIPELINE, Duration.ofSeconds(1), Clock.systemUTC());
            LagMonitor monitor = new LagMonitor(meter, Duration.ofSeconds(2), Clock.systemUTC());

            LagReport report = monitor.current();

            assertThat(report.groups()).hasSize(4);
            assertThat(report.groups()).allSatisfy(g -> {
                assertThat(g.error()).startsWith("Kafka");
                assertThat(g.lag()).isNull();
                assertThat(g.partitions()).isNull();
            });
            assertThat(LagGauges.value(monitor, LagProperties.PIPELINE.get(0))).isNaN();
        }
    }

    @Test
    void aFreshReportIsServedFromTheCache() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 500, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 500))) {
            LagMonitor monitor = new LagMonitor(new ConsumerLagMeter(admin, LagProperties.PIPELINE, Duration.ofMillis(300),
                    Clock.systemUTC()), Duration.ofMinutes(1), Clock.systemUTC());
            LagReport first = monitor.current();
            assertThat(monitor.current()).isSameAs(first);
            assertThat(monitor.refresh()).isNotSameAs(first);
        }
    }
}
