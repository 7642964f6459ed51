package io.entrascim.sink.app;

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

import java.nio.charset.StandardCharsets;
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
            List<byte[]> values = message.getPayload();
            MessageHeaders h = message.getHeaders();
            List<?> topics = list(h, KafkaHeaders.RECEIVED_TOPIC);
            List<?> partitions = list(h, KafkaHeaders.RECEIVED_PARTITION);
            List<?> offsets = list(h, KafkaHeaders.OFFSET);
            List<?> keys = list(h, KafkaHeaders.RECEIVED_KEY);
            List<InboundRecord> records = new ArrayList<>(values.size());
            Map<String, Long> in = new HashMap<>();
            for (int i = 0; i < values.size(); i++) {
                String topic = at(topics, i) instanceof String s ? s : Topics.COMMANDS;
                in.merge(topic, 1L, Long::sum);
                records.add(new InboundRecord(topic, at(partitions, i) instanceof Number p ? p.intValue() : -1,
                        at(offsets, i) instanceof Number o ? o.longValue() : -1, key(at(keys, i)), values.get(i)));
            }
            in.forEach((topic, n) -> counters.in(topic, n.intValue()));
            try {
                processor.processBatch(records);
            } catch (CommandBatchInterrupted e) {
                throw new BatchListenerFailedException(e.getMessage(), e.getCause(), e.position());
            }
        };
    }

    private static List<?> list(MessageHeaders h, String name) {
        return h.get(name) instanceof List<?> l ? l : null;
    }

    private static Object at(List<?> list, int i) {
        return list == null || i >= list.size() ? null : list.get(i);
    }

    private static byte[] key(Object header) {
        if (header instanceof byte[] b) {
            return b;
        }
        return header == null ? null : header.toString().getBytes(StandardCharsets.UTF_8);
    }
}
