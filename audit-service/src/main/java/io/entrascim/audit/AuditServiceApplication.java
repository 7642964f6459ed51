package io.entrascim.audit;

import io.entrascim.contracts.NativeLz4;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The provisioning log: ingests results and cycle markers from Kafka into PostgreSQL and serves queries. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AuditServiceApplication {

    public static void main(String[] args) {
        NativeLz4.load();
        SpringApplication.run(AuditServiceApplication.class, args);
    }
}
