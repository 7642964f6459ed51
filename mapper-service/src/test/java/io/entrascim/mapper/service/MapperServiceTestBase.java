package io.entrascim.mapper.service;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

import io.entrascim.contracts.Topics;
import io.entrascim.mapper.MapperServiceApplication;

/** One Spring context and one embedded broker for every mapper-service integration test. */
@SpringBootTest(classes = MapperServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "mapper.schema-location=classpath:/schemas/roundtrip.yaml",
                "spring.cloud.stream.kafka.binder.auto-create-topics=true",
                "spring.kafka.consumer.auto-offset-reset=earliest",
                "spring.cloud.stream.kafka.bindings.mapChanges-in-0.consumer.start-offset=earliest"
        })
@EmbeddedKafka(partitions = 1, topics = {Topics.CHANGES, "entra.changes.v1.dlt", Topics.COMMANDS, Topics.RESULTS})
abstract class MapperServiceTestBase {
}
