package io.entrascim.source;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** @param jobId the provisioning job name on every audit result (the source emits one for an event it cannot publish) */
@Validated
@ConfigurationProperties("pipeline")
public record PipelineProperties(
        @NotBlank(message = "set pipeline.job-id, e.g. scim.tanium-sso") @DefaultValue("scim.tanium-sso") String jobId) {
}
