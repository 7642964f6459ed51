package io.entrascim.audit.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** audit.lag.* defaults to the pipeline's four consumers and refuses values that cannot work, naming them. */
class LagPropertiesValidationTest {

    @Configuration
    @EnableConfigurationProperties(LagProperties.class)
    static class Props {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Props.class);

    @Test
    void defaultsAreThePipelinesFourConsumersEveryTenSeconds() {
        runner.run(ctx -> {
            LagProperties p = ctx.getBean(LagProperties.class);
            assertThat(p.refreshInterval()).isEqualTo(Duration.ofSeconds(10));
            assertThat(p.targets()).containsExactlyElementsOf(LagProperties.PIPELINE);
        });
    }

    @Test
    void aConfiguredListReplacesTheDefaults() {
        runner.withPropertyValues("audit.lag.targets[0].group=scim-sink", "audit.lag.targets[0].topic=scim.commands.v1")
                .run(ctx -> assertThat(ctx.getBean(LagProperties.class).targets())
                        .containsExactly(new LagProperties.Target("scim-sink", "scim.commands.v1")));
    }

    @Test
    void badValuesFailNamingTheProperty() {
        runner.withPropertyValues("audit.lag.targets[0].group=", "audit.lag.targets[0].topic=scim.commands.v1")
                .run(ctx -> assertThat(failure(ctx)).contains("audit.lag.targets[].group must not be blank"));
        runner.withPropertyValues("audit.lag.refresh-interval=PT0.1S")
                .run(ctx -> assertThat(failure(ctx)).contains("audit.lag.refresh-interval must be at least PT1S"));
        runner.withPropertyValues("audit.lag.timeout=PT5M")
                .run(ctx -> assertThat(failure(ctx)).contains("audit.lag.timeout must be between"));
        runner.withPropertyValues("audit.lag.targets[0].group=a", "audit.lag.targets[0].topic=t",
                        "audit.lag.targets[1].group=a", "audit.lag.targets[1].topic=t")
                .run(ctx -> assertThat(failure(ctx)).contains("audit.lag.targets lists the same group and topic twice"));
    }

    private static String failure(AssertableApplicationContext ctx) {
        assertThat(ctx).hasFailed();
        StringBuilder all = new StringBuilder();
        for (Throwable t = ctx.getStartupFailure(); t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
