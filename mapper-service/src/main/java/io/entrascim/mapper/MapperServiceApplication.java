package io.entrascim.mapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** mapper-service: entra.changes.v1 -> scoping + attribute mappings -> scim.commands.v1 and provisioning.results.v1. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MapperServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(MapperServiceApplication.class, args);
    }
}
