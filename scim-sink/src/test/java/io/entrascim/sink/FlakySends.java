package io.entrascim.sink;

import io.entrascim.sink.core.PublishNotAcknowledgedException;
import io.entrascim.sink.core.Publisher;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection on the sink's sends: the real Kafka publisher is wrapped, and the next {@code n}
 * sends keyed by one object id fail as an unacknowledged send does (the broker itself is untouched).
 */
@TestConfiguration(proxyBeanMethods = false)
class FlakySends {

    private static volatile String failKey;
    private static final AtomicInteger remaining = new AtomicInteger();
    static final AtomicInteger injected = new AtomicInteger();

    static void failNext(int n, String key) {
        injected.set(0);
        remaining.set(n);
        failKey = key;
    }

    @Bean
    static BeanPostProcessor flakyPublisher() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof Publisher real)) {
                    return bean;
                }
                return (Publisher) record -> {
                    if (matches(record) && remaining.getAndDecrement() > 0) {
                        injected.incrementAndGet();
                        throw new PublishNotAcknowledgedException("send to " + record.topic()
                                + " was not acknowledged: injected by the test", null);
                    }
                    return real.send(record);
                };
            }
        };
    }

    private static boolean matches(ProducerRecord<byte[], byte[]> r) {
        String k = failKey;
        return k != null && r.key() != null && k.equals(new String(r.key(), StandardCharsets.UTF_8));
    }
}
