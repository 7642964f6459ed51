package io.entrascim.audit;

import io.entrascim.audit.replay.ReplayService;
import io.entrascim.audit.replay.SinkReplayClient;
import io.entrascim.audit.store.LogQueryRepository;
import io.entrascim.audit.store.ReplayRequestStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires replay-from-the-log to scim-sink's dead-letter replay endpoint ({@code audit.sink.*}). */
@Configuration(proxyBeanMethods = false)
class ReplayConfiguration {

    @Bean
    SinkReplayClient sinkReplayClient(AuditProperties properties) {
        AuditProperties.Sink sink = properties.sink();
        return new SinkReplayClient(sink.baseUrl(), sink.operatorToken(), sink.timeout());
    }

    @Bean
    ReplayService replayService(LogQueryRepository log, SinkReplayClient client, ReplayRequestStore requests,
                                AuditProperties properties) {
        return new ReplayService(log, client, requests, properties.query().replayMaxResults());
    }
}
