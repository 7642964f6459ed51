package io.entrascim.local;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceJvmOptionsTest {

    @Test
    void servicesRunOnC1OnlyUnlessTheirJvmOptionsSayOtherwise() {
        assertThat(ServiceProcess.extraJvmOptions("scim-sink", Map.of())).containsExactly("-XX:TieredStopAtLevel=1");
        assertThat(ServiceProcess.extraJvmOptions("scim-sink", Map.of("JVM_OPTS_SCIM_SINK", ""))).isEmpty();
        assertThat(ServiceProcess.extraJvmOptions("scim-sink", Map.of("JVM_OPTS_SCIM_SINK", " -Xss1m  -XX:+UseSerialGC ")))
                .containsExactly("-Xss1m", "-XX:+UseSerialGC");
    }

    @Test
    void eachServiceHasItsOwnOptions() {
        assertThat(ServiceProcess.extraJvmOptions("audit-service", Map.of("JVM_OPTS_SCIM_SINK", "")))
                .containsExactly("-XX:TieredStopAtLevel=1");
        assertThat(ServiceProcess.extraJvmOptions("mapper-service", Map.of("JVM_OPTS_MAPPER_SERVICE", "-Dx=1")))
                .containsExactly("-Dx=1");
    }

    @Test
    void theBrokerKeepsItsCompilerAndTakesItsOwnOptions() {
        assertThat(KafkaBrokerProcess.brokerJvmOptions(Map.of("JVM_OPTS_SCIM_SINK", "-Dx=1"))).isEmpty();
        assertThat(KafkaBrokerProcess.brokerJvmOptions(Map.of("JVM_OPTS_KAFKA_BROKER", " -XX:+UseParallelGC  -Dy=2")))
                .containsExactly("-XX:+UseParallelGC", "-Dy=2");
    }

    @Test
    void theBrokerTakesPropertyOverridesAndRefusesAnythingElse() {
        assertThat(KafkaBrokerProcess.brokerOverrides(Map.of())).isEmpty();
        assertThat(KafkaBrokerProcess.brokerOverrides(Map.of("KAFKA_BROKER_OVERRIDES", " num.io.threads=2  num.network.threads=1 ")))
                .containsExactly("--override", "num.io.threads=2", "--override", "num.network.threads=1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KafkaBrokerProcess.brokerOverrides(
                        Map.of("KAFKA_BROKER_OVERRIDES", "num.io.threads=2 --debug")))
                .hasMessageContaining("'--debug' is not name=value");
    }
}
