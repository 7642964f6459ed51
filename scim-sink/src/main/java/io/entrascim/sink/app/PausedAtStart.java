package io.entrascim.sink.app;

import io.entrascim.sink.core.OperatorPause;
import io.entrascim.sink.core.PauseControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/**
 * Keeps a stored operator's pause across a restart: the command container is paused before it
 * starts (a pause requested before start makes the consumer pause before its first poll), so not a
 * single command is written between start-up and the pause taking effect.
 */
final class PausedAtStart {

    private static final Logger log = LoggerFactory.getLogger(PausedAtStart.class);

    private final OperatorPause stored;
    private final PauseControl pauses;

    PausedAtStart(OperatorPause stored, PauseControl pauses) {
        this.stored = stored;
        this.pauses = pauses;
    }

    /** Called for the command container when the binder creates it, before it starts. */
    void apply(AbstractMessageListenerContainer<?, ?> container) {
        stored.current().ifPresent(p -> {
            container.pause();
            pauses.restore(PauseControl.Reason.OPERATOR);
            log.warn("provisioning stays paused: paused by {} at {} ({}); POST /api/resume to continue",
                    p.by() == null ? "an operator" : p.by(), p.since(), p.reason() == null ? "no reason given" : p.reason());
        });
    }
}
