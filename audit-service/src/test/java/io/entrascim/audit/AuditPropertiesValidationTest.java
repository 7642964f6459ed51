package io.entrascim.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** audit.* is validated at start-up with messages that say what to set. */
class AuditPropertiesValidationTest {

    @Configuration
    @EnableConfigurationProperties(AuditProperties.class)
    static class Props {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Props.class);

    @Test
    void defaultsApplyWhenTokensAreSet() {
        runner.withPropertyValues("audit.security.reader-token=reader-token-0123456789",
                        "audit.security.operator-token=operator-token-0123456789")
                .run(ctx -> {
                    AuditProperties p = ctx.getBean(AuditProperties.class);
                    assertThat(p.retention()).hasDays(90);
                    assertThat(p.purge().batchSize()).isEqualTo(5000);
                    assertThat(p.sink().baseUrl()).hasToString("http://localhost:8083");
                    assertThat(p.security().toString()).doesNotContain("reader-token-0123456789");
                });
    }

    @Test
    void missingTokensFailNamingTheProperty() {
        runner.run(ctx -> assertThat(ctx.getStartupFailure()).rootCause()
                .hasMessageContaining("audit.security"));
        runner.withPropertyValues("audit.security.reader-token=reader-token-0123456789")
                .run(ctx -> assertThat(failure(ctx)).contains("audit.security.operator-token must be set"));
        runner.run(ctx -> assertThat(failure(ctx)).contains("audit.security.reader-token and audit.security.operator-token must be set"));
    }

    @Test
    void shortOrEqualTokensAndBadValuesFail() {
        runner.withPropertyValues("audit.security.reader-token=tiny-secret", "audit.security.operator-token=operator-token-0123456789")
                .run(ctx -> assertThat(failure(ctx)).contains("reader-token must be set").contains("at least 16 characters")
                        .doesNotContain("tiny-secret").doesNotContain("operator-token-0123456789"));
        runner.withPropertyValues("audit.security.reader-token=same-token-0123456789",
                        "audit.security.operator-token=same-token-0123456789")
                .run(ctx -> assertThat(failure(ctx)).contains("must differ").doesNotContain("same-token-0123456789"));
        runner.withPropertyValues("audit.security.reader-token=reader-token-0123456789",
                        "audit.security.operator-token=operator-token-0123456789", "audit.retention=PT1H")
                .run(ctx -> assertThat(failure(ctx)).contains("audit.retention must be at least one day"));
        runner.withPropertyValues("audit.security.reader-token=reader-token-0123456789",
                        "audit.security.operator-token=operator-token-0123456789", "audit.purge.batch-size=5")
                .run(ctx -> assertThat(failure(ctx)).contains("audit.purge.batch-size must be between 100 and 100000"));
    }

    private static String failure(org.springframework.boot.test.context.assertj.AssertableApplicationContext ctx) {
        assertThat(ctx).hasFailed();
        StringBuilder all = new StringBuilder();
        for (Throwable t = ctx.getStartupFailure(); t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
