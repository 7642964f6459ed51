package io.entrascim.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.entrascim.audit.lag.ConsumerLagMeter;
import io.entrascim.audit.lag.LagGauges;
import io.entrascim.audit.lag.LagMonitor;
import io.entrascim.audit.lag.LagProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Consumer lag of the pipeline, measured with an Admin client on {@code spring.kafka.bootstrap-servers}: refreshed
 * every {@code audit.lag.refresh-interval} and exported as {@code pipeline.consumer.lag{group,topic}}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class LagConfiguration implements SchedulingConfigurer {

    private final LagProperties properties;
    private final LagMonitor monitor;

    LagConfiguration(LagProperties properties, LagMonitor monitor) {
        this.properties = properties;
        this.monitor = monitor;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(monitor::refresh, properties.refreshInterval(), Duration.ZERO));
    }

    @Configuration(proxyBeanMethods = false)
    static class Beans {

        /** A separate Admin client: its timeouts are the measurement's, not the binder's provisioning ones. */
        @Bean(destroyMethod = "close")
        Admin lagAdmin(KafkaAdmin kafkaAdmin, LagProperties properties) {
            Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
            int timeoutMs = (int) properties.timeout().toMillis();
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "audit-service-lag");
            return Admin.create(config);
        }

        @Bean
        LagMonitor lagMonitor(Admin lagAdmin, LagProperties properties, MeterRegistry registry) {
            ConsumerLagMeter meter = new ConsumerLagMeter(lagAdmin, properties.targets(), properties.timeout(), Clock.systemUTC());
            LagMonitor monitor = new LagMonitor(meter, properties.maxAge(), Clock.systemUTC());
            LagGauges.register(registry, monitor, properties.targets());
            return monitor;
        }
    }
}
