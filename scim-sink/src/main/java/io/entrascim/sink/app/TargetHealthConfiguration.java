package io.entrascim.sink.app;

import io.entrascim.sink.core.ConnectionTester;
import io.entrascim.sink.core.TargetReachability;
import io.entrascim.sink.scim.JdkScimClient;
import io.entrascim.sink.scim.ScimClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The {@code scimTarget} health indicator (readiness group, see application.yml). */
@Configuration(proxyBeanMethods = false)
class TargetHealthConfiguration {

    @Bean
    TargetReachability targetReachability(SinkProperties p, TargetHealthProperties h) {
        SinkProperties.Scim s = p.scim();
        // Its own client: no retries, no breaker or quarantine bookkeeping, short timeouts.
        JdkScimClient probe = new JdkScimClient(new ScimClientSettings(s.baseUrl(), s.token(), h.targetTimeout(),
                h.targetTimeout(), s.trustStore(), s.trustStorePassword(), s.trustStoreType()));
        return new TargetReachability(new ConnectionTester(probe, s.baseUrl(), s.token()), h.targetCheckInterval(),
                Clock.systemUTC());
    }

    @Bean
    ScimTargetHealthIndicator scimTargetHealthIndicator(TargetReachability reachability, SinkProperties p) {
        return new ScimTargetHealthIndicator(reachability, p.scim().baseUrl());
    }
}
