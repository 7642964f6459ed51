package io.entrascim.sink.app;

import io.entrascim.sink.core.CommandProcessor;
import io.entrascim.sink.core.InboundRecord;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

import java.util.function.Consumer;

/** The functional binding {@code scimCommands-in-0} on {@code scim.commands.v1}, raw bytes in. */
@Configuration(proxyBeanMethods = false)
class CommandBinding {

    @Bean
    Consumer<Message<byte[]>> scimCommands(CommandProcessor processor, RecordCounters counters) {
        return message -> {
            MessageHeaders h = message.getHeaders();
            Object topic = h.get(KafkaHeaders.RECEIVED_TOPIC);
            counters.in(topic == null ? io.entrascim.contracts.Topics.COMMANDS : topic.toString(), 1);
            Object key = h.get(KafkaHeaders.RECEIVED_KEY);
            processor.process(new InboundRecord(
                    (String) h.get(KafkaHeaders.RECEIVED_TOPIC),
                    number(h.get(KafkaHeaders.RECEIVED_PARTITION)).intValue(),
                    number(h.get(KafkaHeaders.OFFSET)).longValue(),
                    key instanceof byte[] b ? b : key == null ? null : key.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    message.getPayload()));
        };
    }

    private static Number number(Object o) {
        return o instanceof Number n ? n : -1;
    }
}
