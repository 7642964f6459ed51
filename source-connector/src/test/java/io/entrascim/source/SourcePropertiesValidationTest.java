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
    void aSecretAndACertificateTogetherFailStartupNamingBothProperties() {
        runner.withPropertyValues("source.sync-scope=all", "source.graph.client-secret=x",
                "source.graph.certificate.keystore=/etc/app.p12", "source.graph.certificate.keystore-password=p")
                .run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause()
                            .hasMessageContaining("exactly one client credential")
                            .hasMessageContaining("source.graph.client-secret")
                            .hasMessageContaining("source.graph.certificate.keystore");
                });
    }

    @Test
    void aCertificateAloneIsAValidCredential() {
        runner.withPropertyValues("source.sync-scope=all",
                "source.graph.certificate.pem-certificate=/etc/app.crt",
                "source.graph.certificate.pem-private-key=/etc/app.key").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            SourceProperties.Graph g = ctx.getBean(SourceProperties.class).graph();
            assertThat(g.usesCertificate()).isTrue();
            assertThat(g.certificate().pemPrivateKey()).isEqualTo("/etc/app.key");
        });
    }

    @Test
    void aKeystoreWithoutItsPasswordFailsStartupNamingThePasswordProperty() {
        runner.withPropertyValues("source.sync-scope=all", "source.graph.certificate.keystore=/etc/app.p12")
                .run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause()
                            .hasMessageContaining("source.graph.certificate.keystore-password is required");
                });
    }

    @Test
    void aPemCertificateWithoutItsKeyOrMixedFormsFailStartup() {
        runner.withPropertyValues("source.sync-scope=all", "source.graph.certificate.pem-certificate=/etc/app.crt")
                .run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause()
                            .hasMessageContaining("source.graph.certificate.pem-private-key must be set together");
                });
        runner.withPropertyValues("source.sync-scope=all", "source.graph.certificate.keystore=/etc/app.p12",
                "source.graph.certificate.keystore-password=p", "source.graph.certificate.pem-certificate=/etc/a.crt",
                "source.graph.certificate.pem-private-key=/etc/a.key").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("not both");
        });
    }

    @Test
    void thePasswordsAreMaskedInToString() {
        runner.withPropertyValues("source.sync-scope=all", "source.graph.certificate.keystore=/etc/app.p12",
                "source.graph.certificate.keystore-password=hunter2-keystore").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(SourceProperties.class).toString()).doesNotContain("hunter2-keystore");
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
