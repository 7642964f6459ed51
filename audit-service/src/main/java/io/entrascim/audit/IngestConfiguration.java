package io.entrascim.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.entrascim.audit.ingest.CycleIngestor;
import io.entrascim.audit.ingest.InboundRecord;
import io.entrascim.audit.ingest.KafkaRecordPublisher;
import io.entrascim.audit.ingest.MalformedRecordHandler;
import io.entrascim.audit.ingest.RecordPublisher;
import io.entrascim.audit.ingest.ResultIngestor;
import io.entrascim.audit.metrics.CycleProgressGauges;
import io.entrascim.audit.metrics.PipelineMetrics;
import io.entrascim.audit.store.CycleMarkerStore;
import io.entrascim.audit.store.CycleProgressReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.entrascim.audit.store.MalformedRecordStore;
import io.entrascim.audit.store.ResultWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * Binds the batch consumers {@code ingestResults} ({@code provisioning.results.v1}) and {@code ingestCycles}
 * ({@code entra.cycles.v1}) to the plain ingestors. The binder delivers each poll as one message whose payload is
 * the list of raw values and whose headers are lists of keys, partitions and offsets.
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    /** Boot's template, configured by {@code spring.kafka.producer.*} for byte arrays, acks=all and idempotence. */
    @Bean
    PipelineMetrics pipelineMetrics(MeterRegistry registry) {
        return new PipelineMetrics(registry);
    }

    @Bean
    CycleProgressGauges cycleProgressGauges(CycleProgressReader reader, MeterRegistry registry) {
        return new CycleProgressGauges(reader, registry);
    }

    @Bean
    RecordPublisher recordPublisher(KafkaTemplate<byte[], byte[]> kafkaTemplate, PipelineMetrics metrics) {
        return new KafkaRecordPublisher(kafkaTemplate, Duration.ofSeconds(30), metrics);
    }

    @Bean
    MalformedRecordHandler malformedRecordHandler(PipelineProperties pipeline) {
        return new MalformedRecordHandler(pipeline.jobId());
    }

    @Bean
    ResultIngestor resultIngestor(ResultWriter writer, MalformedRecordStore malformed, MalformedRecordHandler handler,
                                  RecordPublisher publisher, PipelineMetrics metrics) {
        return new ResultIngestor(writer, malformed, handler, publisher, metrics);
    }

    @Bean
    CycleIngestor cycleIngestor(CycleMarkerStore markers, ResultWriter writer, MalformedRecordStore malformed,
                                MalformedRecordHandler handler, RecordPublisher publisher, PipelineMetrics metrics) {
        return new CycleIngestor(markers, writer, malformed, handler, publisher, metrics);
    }

    @Bean
    Consumer<Message<List<byte[]>>> ingestResults(ResultIngestor ingestor) {
        return message -> ingestor.ingest(records(message));
    }

    @Bean
    Consumer<Message<List<byte[]>>> ingestCycles(CycleIngestor ingestor) {
        return message -> ingestor.ingest(records(message));
    }

    static List<InboundRecord> records(Message<List<byte[]>> message) {
        List<byte[]> values = message.getPayload();
        MessageHeaders h = message.getHeaders();
        List<?> topics = list(h, KafkaHeaders.RECEIVED_TOPIC);
        List<?> partitions = list(h, KafkaHeaders.RECEIVED_PARTITION);
        List<?> offsets = list(h, KafkaHeaders.OFFSET);
        List<?> keys = list(h, KafkaHeaders.RECEIVED_KEY);
        List<InboundRecord> records = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            records.add(new InboundRecord(
                    String.valueOf(topics.get(i)),
                    ((Number) partitions.get(i)).intValue(),
                    ((Number) offsets.get(i)).longValue(),
                    keys == null || keys.isEmpty() ? null : (byte[]) keys.get(i),
                    values.get(i)));
        }
        return records;
    }

    private static List<?> list(MessageHeaders headers, String name) {
        Object value = headers.get(name);
        if (value instanceof List<?> l) {
            return l;
        }
        if (value == null) {
            return List.of();
        }
        throw new IllegalStateException("header " + name + " is not a list: is batch-mode enabled on the binding?");
    }
}
