package io.entrascim.sink.app;

import io.entrascim.sink.core.PauseControl;
import io.entrascim.sink.core.Quarantine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;


/** While quarantined the binding stays paused: the target is not hammered by a queue of commands. */
@Configuration(proxyBeanMethods = false)
class QuarantinePausing {

    private static final Logger log = LoggerFactory.getLogger(QuarantinePausing.class);

    /** Marker bean: the listener is registered. */
    record Registration() {
    }

    @Bean
    Registration quarantineListenerRegistration(Quarantine quarantine, PauseControl pauses) {
        quarantine.listener(new Quarantine.Listener() {
            @Override
            public void entered(Quarantine.Status s, boolean reasonChanged) {
                log.warn("{} quarantine: {}; next attempt at {}", reasonChanged ? "reason of the" : "entering",
                        s.reason(), s.nextAttempt());
                pauses.hold(PauseControl.Reason.QUARANTINE);
            }

            @Override
            public void left(String why) {
                log.info("leaving quarantine: {}", why);
                pauses.release(PauseControl.Reason.QUARANTINE);
            }
        });
        return new Registration();
    }
}
