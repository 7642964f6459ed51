package io.entrascim.mapper.service;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

import io.entrascim.contracts.Topics;
import io.entrascim.mapper.MapperServiceApplication;

/**
 * One Spring context and one embedded broker for every mapper-service integration test. The producer's
 * {@code max.request.size} is 128 KiB instead of 1 MiB so that oversized records (OversizedRecordTest) stay small
 * enough to be quick; every other test's records are a few KiB at most. Its {@code batch.size} is 16 KiB so that
 * OversizedRecordTest can lower a topic's {@code max.message.bytes} to 32 KiB: Kafka splits a refused batch into
 * batches of {@code batch.size}, which never helps when that is above the topic's limit.
 */
@SpringBootTest(classes = MapperServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "mapper.schema-location=classpath:/schemas/roundtrip.yaml",
                "spring.cloud.stream.kafka.binder.auto-create-topics=true",
                "spring.kafka.consumer.auto-offset-reset=earliest",
                "spring.cloud.stream.kafka.bindings.mapChanges-in-0.consumer.start-offset=earliest",
                "spring.kafka.producer.properties.max.request.size=" + MapperServiceTestBase.MAX_REQUEST_SIZE,
                "spring.kafka.producer.batch-size=16384"
        })
@EmbeddedKafka(partitions = 1, topics = {Topics.CHANGES, "entra.changes.v1.dlt", Topics.COMMANDS, Topics.RESULTS})
abstract class MapperServiceTestBase {
    static final int MAX_REQUEST_SIZE = 131_072;
}
