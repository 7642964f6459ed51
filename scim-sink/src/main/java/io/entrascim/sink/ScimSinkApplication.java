package io.entrascim.sink;

import io.entrascim.contracts.NativeLz4;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** scim-sink: consumes {@code scim.commands.v1}, converges the SCIM target, reports to {@code provisioning.results.v1}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ScimSinkApplication {
    public static void main(String[] args) {
        NativeLz4.load();
        SpringApplication.run(ScimSinkApplication.class, args);
    }
}
