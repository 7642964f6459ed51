package io.entrascim.sink.app;

import io.entrascim.sink.core.OperatorPauseRequested;
import io.entrascim.sink.core.PublishNotAcknowledgedException;
import org.springframework.cloud.stream.binder.kafka.KafkaListenerContainerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Container settings the binder does not expose. Replaces the binder's error handler: a record whose result or dead-letter send was not acknowledged
 * is delivered again every {@code sink.send-retry-interval}, without limit (the default handler would
 * skip it after its attempts, losing the audit or the dead letter). Anything else keeps the default
 * behaviour (10 attempts); the processor itself never lets a SCIM failure reach here.
 */
@Configuration(proxyBeanMethods = false)
class SendFailureHandling {

    @Bean
    PausedAtStart pausedAtStart(io.entrascim.sink.core.OperatorPause stored, io.entrascim.sink.core.PauseControl pauses) {
        return new PausedAtStart(stored, pauses);
    }

    /** The binder applies only a unique customizer: every container setting of the sink goes here. */
    @Bean
    KafkaListenerContainerCustomizer neverSkipOnSendFailure(SinkProperties p, PausedAtStart pausedAtStart) {
        return (container, destination, group, properties) -> {
            DefaultErrorHandler handler = new DefaultErrorHandler(new FixedBackOff(0L, 9L));
            handler.setBackOffFunction((record, e) -> PublishNotAcknowledgedException.isCause(e)
                    ? new FixedBackOff(p.sendRetryInterval().toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS)
                    // An operator's pause handed the rest of the batch back: redelivered when the binding resumes.
                    : OperatorPauseRequested.isCause(e) ? new FixedBackOff(0L, FixedBackOff.UNLIMITED_ATTEMPTS)
                    : null);
            container.setCommonErrorHandler(handler);
            // A stored operator's pause outlives a restart.
            pausedAtStart.apply(container);
        };
    }
}
