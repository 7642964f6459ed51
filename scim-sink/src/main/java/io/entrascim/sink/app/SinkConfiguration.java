package io.entrascim.sink.app;

import io.entrascim.sink.core.CommandProcessor;
import io.entrascim.sink.core.ConnectionTester;
import io.entrascim.sink.core.DeadLetterIndex;
import io.entrascim.sink.core.LinkStore;
import io.entrascim.sink.core.ParkedMembers;
import io.entrascim.sink.core.Publisher;
import io.entrascim.sink.core.Reconciler;
import io.entrascim.sink.core.ReplayService;
import io.entrascim.sink.core.Results;
import io.entrascim.sink.scim.JdkScimClient;
import io.entrascim.sink.scim.PatchBodies;
import io.entrascim.sink.scim.ResilienceSettings;
import io.entrascim.sink.scim.ResilientScimClient;
import io.entrascim.sink.scim.ScimClientSettings;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.util.Map;

/** Wires the plain sink classes; no logic here. */
@Configuration(proxyBeanMethods = false)
class SinkConfiguration {

    static final String BINDING = "scimCommands-in-0";

    @Bean
    JdkScimClient rawScimClient(SinkProperties p) {
        SinkProperties.Scim s = p.scim();
        return new JdkScimClient(new ScimClientSettings(s.baseUrl(), s.token(), s.connectTimeout(), s.readTimeout(),
                s.trustStore(), s.trustStorePassword(), s.trustStoreType()));
    }

    @Bean
    ResilientScimClient scimClient(JdkScimClient raw, SinkProperties p) {
        return new ResilientScimClient(raw, new ResilienceSettings(p.retry().maxAttempts(), p.retry().maxThrottled(), p.retry().initialBackoff(),
                p.retry().maxBackoff(), p.retry().maxRetryAfter(), p.rateLimit(), p.maxConcurrency(), p.breaker().window(),
                p.breaker().failureRate(), p.breaker().openFor()));
    }

    @Bean
    LinkStore linkStore(JdbcTemplate jdbc) {
        return new LinkStore(jdbc);
    }

    @Bean
    ParkedMembers parkedMembers(JdbcTemplate jdbc) {
        return new ParkedMembers(jdbc);
    }

    @Bean
    DeadLetterIndex deadLetterIndex(JdbcTemplate jdbc) {
        return new DeadLetterIndex(jdbc);
    }

    @Bean
    Reconciler reconciler(ResilientScimClient scim, LinkStore links, ParkedMembers parked, SinkProperties p) {
        return new Reconciler(scim, links, parked, new PatchBodies(p.patchDialect()), p.memberChunkSize(),
                p.createFirst());
    }

    @Bean
    KafkaTemplate<byte[], byte[]> sinkKafkaTemplate(KafkaProperties kafka) {
        Map<String, Object> props = kafka.buildProducerProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(props));
    }

    @Bean
    Publisher publisher(KafkaTemplate<byte[], byte[]> sinkKafkaTemplate) {
        return new KafkaPublisher(sinkKafkaTemplate);
    }

    @Bean
    CommandProcessor commandProcessor(Reconciler reconciler, Publisher publisher, DeadLetterIndex index,
                                      BindingsLifecycleController bindings, ResilientScimClient scim, SinkProperties p,
                                      @Value("${pipeline.job-id:scim.tanium-sso}") String jobId) {
        return new CommandProcessor(reconciler, new Results(jobId), publisher, index, new BindingGate(bindings, BINDING),
                () -> Thread.sleep(p.breaker().openFor().toMillis()), jobId);
    }

    @Bean
    ReplayService replayService(DeadLetterIndex index, Publisher publisher) {
        return new ReplayService(index, publisher);
    }

    @Bean
    ConnectionTester connectionTester(JdkScimClient raw, SinkProperties p) {
        return new ConnectionTester(raw, p.scim().baseUrl(), p.scim().token());
    }
}
