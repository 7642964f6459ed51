package io.entrascim.mapper.config;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.entrascim.mapper.scoping.AssignmentScope;

/**
 * mapper-service settings.
 *
 * @param schemaLocation          mapping configuration: a file path (Graph synchronizationSchema JSON, or YAML in the
 *                                Graph or concise form), or {@code classpath:...}; default: the bundled Tanium SSO mappings
 * @param skipOutOfScopeDeletions Entra's SkipOutOfScopeDeletions: do not disable objects that leave scope
 * @param assignmentScope         {@code assigned} (sync only assigned users and groups) or {@code all}
 * @param sendTimeout             how long to wait for the acks of a whole batch's outputs before the batch is redelivered
 */
@Validated
@ConfigurationProperties("mapper")
public record MapperProperties(
        @NotBlank(message = "set mapper.schema-location to a synchronizationSchema JSON/YAML file or leave it at the default")
        @DefaultValue(MapperProperties.DEFAULT_SCHEMA) String schemaLocation,
        @DefaultValue("false") boolean skipOutOfScopeDeletions,
        @NotNull(message = "set mapper.assignment-scope to assigned or all") @DefaultValue("assigned") AssignmentScope assignmentScope,
        @NotNull(message = "set mapper.send-timeout, e.g. 30s") @DefaultValue("30s") Duration sendTimeout) {

    public static final String DEFAULT_SCHEMA = "classpath:/io/entrascim/mapper/schema/tanium-sso-default.json";
}
