package io.entrascim.sink.app;

import io.entrascim.contracts.BatchedRecord;
import io.entrascim.contracts.Topics;
import io.entrascim.sink.core.CommandBatchInterrupted;
import io.entrascim.sink.core.CommandProcessor;
import io.entrascim.sink.core.InboundRecord;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The functional binding {@code scimCommands-in-0} on {@code scim.commands.v1}, raw bytes in, one polled batch per
 * call. A batch stopped part-way tells the container's error handler where (a {@link BatchListenerFailedException}
 * at that position): the offsets before it are committed and the rest is delivered again.
 */
@Configuration(proxyBeanMethods = false)
class CommandBinding {

    @Bean
    Consumer<Message<List<byte[]>>> scimCommands(CommandProcessor processor, RecordCounters counters) {
        return message -> {
            MessageHeaders h = message.getHeaders();
            List<InboundRecord> records = new ArrayList<>(message.getPayload().size());
            Map<String, Long> in = new HashMap<>();
            for (BatchedRecord b : BatchedRecord.of(message.getPayload(), h.get(KafkaHeaders.RECEIVED_TOPIC),
                    h.get(KafkaHeaders.RECEIVED_PARTITION), h.get(KafkaHeaders.OFFSET), h.get(KafkaHeaders.RECEIVED_KEY),
                    Topics.COMMANDS)) {
                in.merge(b.topic(), 1L, Long::sum);
                records.add(new InboundRecord(b.topic(), b.partition(), b.offset(), b.key(), b.value()));
            }
            in.forEach((topic, n) -> counters.in(topic, n.intValue()));
            try {
                processor.processBatch(records);
            } catch (CommandBatchInterrupted e) {
                throw new BatchListenerFailedException(e.getMessage(), e.getCause(), e.position());
            }
        };
    }
}
