package io.entrascim.mapper.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.annotation.Configuration;

import io.entrascim.mapper.mapping.ChangeMapper;

class StartupValidationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({MapperProperties.class, PipelineProperties.class, KafkaProperties.class})
    static class Props {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Props.class, MapperConfiguration.class);

    @Test
    void startsWithTheBundledTaniumDefaults() {
        runner.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(ChangeMapper.class).schema().origin()).contains("tanium-sso-default.json");
        });
    }

    @Test
    void invalidMappingConfigurationFailsStartUpNamingPathAndReason() {
        runner.withPropertyValues("mapper.schema-location=classpath:/schemas/invalid-expression.yaml").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause()
                    .hasMessageContaining("$.users.mappings[1].source: invalid expression at column 22");
        });
    }

    @Test
    void failureAnalysisSaysWhereAndHowToFix() {
        runner.withPropertyValues("mapper.schema-location=classpath:/schemas/invalid-expression.yaml").run(ctx -> {
            var analysis = new InvalidMappingConfigurationFailureAnalyzer().analyze(ctx.getStartupFailure());
            assertThat(analysis.getDescription()).isEqualTo("The mapping configuration classpath:/schemas/invalid-expression.yaml "
                    + "(mapper.schema-location) is invalid at $.users.mappings[1].source: invalid expression at column 22: "
                    + "'ToUpper(' is not closed with ')' in: ToUpper([displayName]");
            assertThat(analysis.getAction()).contains("provisionctl mapping preview");
        });
    }

    @Test
    void invalidPropertiesFailStartUpSayingWhatToFix() {
        runner.withPropertyValues("mapper.schema-location= ").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).hasStackTraceContaining("set mapper.schema-location");
        });
        runner.withPropertyValues("mapper.assignment-scope=some").run(ctx -> assertThat(ctx).hasFailed());
    }
}
