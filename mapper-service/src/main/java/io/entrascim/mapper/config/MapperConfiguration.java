package io.entrascim.mapper.config;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import io.entrascim.mapper.mapping.ChangeMapper;
import io.entrascim.mapper.mapping.MapperOptions;
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

    /** Byte-for-byte producer: acks=all with idempotence, so a send we waited for is durable and not duplicated. */
    @Bean
    KafkaTemplate<byte[], byte[]> kafkaTemplate(KafkaProperties kafka) {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
        cfg.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        cfg.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        cfg.put(ProducerConfig.ACKS_CONFIG, "all");
        cfg.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        cfg.put(ProducerConfig.CLIENT_ID_CONFIG, "mapper-service");
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(cfg));
    }
}
