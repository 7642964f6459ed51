package io.entrascim.source;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Reads Entra ID through Microsoft Graph delta queries and publishes one change event per object to Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SourceConnectorApplication {

    public static void main(String[] args) {
        SpringApplication.run(SourceConnectorApplication.class, args);
    }
}
