package io.entrascim.sink.app;

import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.sink.core.Notifier;
import io.entrascim.sink.core.Outcome;
import io.entrascim.sink.core.SinkEvents;
import io.entrascim.sink.core.Quarantine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Wires the {@link Notifier} to Spring Mail; mails are sent on their own thread (never on the
 * consumer's) and the digest is flushed every {@code sink.notifications.digest-interval}. Off when
 * {@code sink.notifications.recipients} is empty or {@code spring.mail.host} is unset.
 */
@Configuration(proxyBeanMethods = false)
class MailNotifications {

    private static final Logger log = LoggerFactory.getLogger(MailNotifications.class);

    /** The running notifier with its thread; absent (no bean) when notifications are off. */
    static final class Running implements Quarantine.Listener, SinkEvents, AutoCloseable {
        final Notifier notifier;
        private final ScheduledExecutorService thread;

        Running(Notifier notifier, ScheduledExecutorService thread) {
            this.notifier = notifier;
            this.thread = thread;
        }

        @Override
        public void entered(Quarantine.Status status, boolean reasonChanged) {
            notifier.entered(status, reasonChanged);
        }

        @Override
        public void left(String why) {
            notifier.left(why);
        }

        @Override
        public void deadLettered(ProvisioningCommand command, Outcome.Failure failure) {
            notifier.deadLettered(command, failure);
        }

        @Override
        public void staged(ProvisioningCommand command, String reason) {
            notifier.staged(command, reason);
        }

        @Override
        public void close() {
            notifier.flush(Instant.now());
            thread.shutdown();
            try {
                thread.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Bean
    Running mailNotifier(SinkProperties p, ObjectProvider<JavaMailSender> sender, Quarantine quarantine,
                         @Value("${pipeline.job-id:scim.tanium-sso}") String jobId) {
        SinkProperties.Notifications n = p.notifications();
        JavaMailSender mail = sender.getIfAvailable();
        if (n.recipients().isEmpty() || mail == null) {
            log.info("notification e-mail off ({})", n.recipients().isEmpty() ? "no sink.notifications.recipients"
                    : "no spring.mail.host");
            return null;
        }
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sink-notifications");
            t.setDaemon(true);
            return t;
        });
        Notifier notifier = new Notifier((subject, body) -> thread.execute(() -> {
            try {
                SimpleMailMessage m = new SimpleMailMessage();
                m.setFrom(n.from());
                m.setTo(n.recipients().toArray(String[]::new));
                m.setSubject(subject);
                m.setText(body);
                mail.send(m);
            } catch (RuntimeException e) {
                log.warn("notification e-mail '{}' not sent: {}", subject, e.toString());
            }
        }), jobId, n.examples());
        long every = n.digestInterval().toMillis();
        thread.scheduleAtFixedRate(() -> notifier.flush(Instant.now()), every, every, TimeUnit.MILLISECONDS);
        Running running = new Running(notifier, thread);
        quarantine.listener(running);
        return running;
    }
}
