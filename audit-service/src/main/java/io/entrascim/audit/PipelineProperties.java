package io.entrascim.audit;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code pipeline.*}: the provisioning job this service belongs to (stamped on results it emits itself). */
@Validated
@ConfigurationProperties("pipeline")
public record PipelineProperties(
        @NotBlank(message = "pipeline.job-id must not be blank") @DefaultValue("scim.tanium-sso") String jobId) {
}
