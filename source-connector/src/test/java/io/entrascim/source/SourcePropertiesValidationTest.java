package io.entrascim.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.annotation.Configuration;

class SourcePropertiesValidationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SourceProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Config.class)
            .withPropertyValues("source.graph.tenant-id=t", "source.graph.client-id=c");

    @Test
    void missingSecretFailsStartupNamingTheProperty() {
        runner.withPropertyValues("source.service-principal-id=sp").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("source.graph.client-secret");
        });
    }

    @Test
    void assignedScopeWithoutServicePrincipalFailsStartupSayingWhatToSet() {
        runner.withPropertyValues("source.graph.client-secret=x").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("source.service-principal-id is required");
        });
    }

    @Test
    void defaultsMatchTheBrief() {
        runner.withPropertyValues("source.graph.client-secret=x", "source.sync-scope=all").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            SourceProperties p = ctx.getBean(SourceProperties.class);
            assertThat(p.pollInterval()).hasSeconds(30);
            assertThat(p.graph().effectiveTokenUrl()).isEqualTo("https://login.microsoftonline.com/t/oauth2/v2.0/token");
            assertThat(p.graph().userAttributes()).containsExactlyElementsOf(SourceProperties.DEFAULT_USER_ATTRIBUTES);
            assertThat(p.graph().groupAttributes()).containsExactly("displayName", "members");
        });
    }
}
