package io.entrascim.mapper.config;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.entrascim.mapper.mapping.ChangeMapper;
import io.entrascim.mapper.mapping.MapperOptions;
import io.entrascim.mapper.metrics.PipelineMetrics;
import io.entrascim.mapper.schema.MappingSchema;
import io.entrascim.mapper.schema.SchemaException;
import io.entrascim.mapper.schema.SchemaLoader;
import io.entrascim.mapper.scoping.ScopingEngine;

/** Wires the plain mapping engine; invalid mapping configuration stops start-up with its JSON path. */
@Configuration(proxyBeanMethods = false)
class MapperConfiguration {

    @Bean
    MappingSchema mappingSchema(MapperProperties props) {
        try {
            return SchemaLoader.load(props.schemaLocation());
        } catch (SchemaException e) {
            throw new InvalidMappingConfigurationException(props.schemaLocation(), e);
        }
    }

    @Bean
    ChangeMapper changeMapper(MappingSchema schema, MapperProperties props, PipelineProperties pipeline) {
        return new ChangeMapper(schema, new ScopingEngine(props.assignmentScope()),
                new MapperOptions(pipeline.jobId(), props.skipOutOfScopeDeletions()), Clock.systemUTC());
    }

    /**
     * Byte-for-byte producer: acks=all with idempotence, so a send we waited for is durable and not duplicated.
     * Batching/compression come from {@code spring.kafka.producer.*} (see application.yml).
     */
    @Bean
    KafkaTemplate<byte[], byte[]> kafkaTemplate(KafkaProperties kafka) {
        Map<String, Object> cfg = new HashMap<>(kafka.buildProducerProperties());
        cfg.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        cfg.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        cfg.put(ProducerConfig.ACKS_CONFIG, "all");
        cfg.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        cfg.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "mapper-service");
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(cfg));
    }

    /** Without Actuator's metrics auto-configuration (e.g. a sliced test context) the counts still back /api/status. */
    @Bean
    PipelineMetrics pipelineMetrics(ObjectProvider<MeterRegistry> registry) {
        return new PipelineMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    /**
     * Error handler of the batch binding (named in application.yml): in batch mode the binder does not retry, and
     * spring-kafka's default gives up after 10 attempts and commits the batch. Only Kafka send failures that may pass
     * get here (bad data and records Kafka can never accept are dead-lettered by the consumer), so retry the whole
     * batch with back-off until Kafka acknowledges.
     */
    @Bean
    CommonErrorHandler mapperBatchErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2.0);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
    }
}
