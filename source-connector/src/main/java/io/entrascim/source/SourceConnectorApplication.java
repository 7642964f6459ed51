package io.entrascim.source;

import io.entrascim.contracts.NativeLz4;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Reads Entra ID through Microsoft Graph delta queries and publishes one change event per object to Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SourceConnectorApplication {

    public static void main(String[] args) {
        NativeLz4.load();
        SpringApplication.run(SourceConnectorApplication.class, args);
    }
}
