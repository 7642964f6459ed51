package io.entrascim.mapper;

import io.entrascim.contracts.NativeLz4;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** mapper-service: entra.changes.v1 -> scoping + attribute mappings -> scim.commands.v1 and provisioning.results.v1. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MapperServiceApplication {
    public static void main(String[] args) {
        NativeLz4.load();
        SpringApplication.run(MapperServiceApplication.class, args);
    }
}
