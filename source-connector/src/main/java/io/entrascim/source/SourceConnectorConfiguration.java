package io.entrascim.source;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/** Wires the plain classes; all behaviour lives in them. */
@Configuration(proxyBeanMethods = false)
class SourceConnectorConfiguration {

    @Bean
    ProducerFactory<byte[], byte[]> sourceProducerFactory(KafkaProperties kafka) {
        Map<String, Object> p = new HashMap<>(kafka.buildProducerProperties());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 262144);
        // JSON events with repeated keys compress 3-5x; consumers decompress transparently.
        p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new DefaultKafkaProducerFactory<>(p);
    }

    @Bean
    KafkaTemplate<byte[], byte[]> sourceKafkaTemplate(ProducerFactory<byte[], byte[]> factory) {
        return new KafkaTemplate<>(factory);
    }

    @Bean
    NewTopic checkpointTopic(SourceProperties props) {
        return TopicBuilder.name(props.checkpointTopic()).partitions(1).compact().build();
    }

    @Bean
    SyncEngine syncEngine(SourceProperties props, PipelineProperties pipeline, KafkaTemplate<byte[], byte[]> kafka,
                          KafkaProperties kafkaProps) {
        GraphClient graph = new GraphClient(props.graph(), new ClientCredentialsTokenSource(props.graph()));
        CheckpointStore store = new KafkaCheckpointStore(kafka, kafkaProps.buildConsumerProperties(),
                props.checkpointTopic(), props.effectiveCheckpointKey());
        return new SyncEngine(props, graph, new ChangePublisher(kafka, pipeline.jobId()), store, Clock.systemUTC());
    }

    @Bean
    SourceMetrics sourceMetrics(MeterRegistry registry, SyncEngine engine, KafkaTemplate<byte[], byte[]> kafka) {
        SourceMetrics metrics = new SourceMetrics(registry, engine);
        // Counted on the producer's ack, so pipeline.records{direction="out"} never counts a record Kafka refused.
        kafka.setProducerListener(metrics);
        return metrics;
    }

    @Bean
    CycleScheduler cycleScheduler(SyncEngine engine, SourceProperties props) {
        return new CycleScheduler(engine, props);
    }
}
