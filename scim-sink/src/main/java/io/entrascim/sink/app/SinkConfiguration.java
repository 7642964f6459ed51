package io.entrascim.sink.app;

import io.entrascim.sink.core.CommandProcessor;
import io.entrascim.sink.core.ConnectionTester;
import io.entrascim.sink.core.DeadLetterIndex;
import io.entrascim.sink.core.EarlierDeliveries;
import io.entrascim.sink.core.PauseControl;
import io.entrascim.sink.core.Quarantine;
import io.entrascim.sink.core.SinkEvents;
import io.entrascim.sink.core.DeletionGuard;
import io.entrascim.sink.core.DeletionReleases;
import io.entrascim.sink.core.EarlierDeliveries;
import io.entrascim.sink.core.StagedDeletions;
import io.entrascim.sink.core.LinkStore;
import io.entrascim.sink.core.Escrows;
import io.entrascim.sink.core.OperatorPause;
import io.entrascim.sink.core.ParkedManagers;
import io.entrascim.sink.core.ParkedMembers;
import io.entrascim.sink.core.Publisher;
import io.entrascim.sink.core.Reconciler;
import io.entrascim.sink.core.ReplayService;
import io.entrascim.sink.core.Results;
import io.entrascim.sink.scim.CallObserver;
import io.entrascim.sink.scim.JdkScimClient;
import io.entrascim.sink.scim.ObservedScimClient;
import io.entrascim.sink.scim.ScimClient;
import io.entrascim.sink.scim.PatchBodies;
import io.entrascim.sink.scim.ResilienceSettings;
import io.entrascim.sink.scim.ResilientScimClient;
import io.entrascim.sink.scim.ScimClientSettings;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
    Quarantine quarantine(SinkProperties p) {
        SinkProperties.Quarantine q = p.quarantine();
        // The held command waits on the consumer thread: a longer wait would exceed max.poll.interval.ms (45 min).
        if (q.retrySchedule().stream().anyMatch(d -> d.compareTo(Duration.ofMinutes(40)) > 0)) {
            throw new IllegalStateException("sink.quarantine.retry-schedule " + q.retrySchedule()
                    + ": each wait must be at most 40m (the consumer's max.poll.interval.ms is 45 min)");
        }
        return new Quarantine(new Quarantine.Settings(q.enabled(), q.failureRatio(), q.window(), q.minimumCalls(),
                q.sustainedOutage(), q.retrySchedule()));
    }

    @Bean
    PauseControl pauseControl(BindingsLifecycleController bindings) {
        return new PauseControl(new BindingGate(bindings, BINDING));
    }

    @Bean
    ResilientScimClient scimClient(JdkScimClient raw, SinkProperties p, List<CallObserver> observers, MeterRegistry meters) {
        ScimClient observed = new ObservedScimClient(raw, (op, kind, status, took) -> observers.forEach(o -> o.observe(op, kind, status, took)));
        Counter retries = Counter.builder("sink.scim.retries").description("SCIM requests retried (429, 5xx, timeouts, resets)")
                .register(meters);
        return new ResilientScimClient(observed, new ResilienceSettings(p.retry().maxAttempts(), p.retry().maxThrottled(), p.retry().initialBackoff(),
                p.retry().maxBackoff(), p.retry().maxRetryAfter(), p.rateLimit(), p.maxConcurrency(), p.breaker().window(),
                p.breaker().failureRate(), p.breaker().openFor()), d -> {
                    retries.increment();
                    Thread.sleep(d.toMillis());
                });
    }

    @Bean
    CallObserver scimLatency(MeterRegistry meters) {
        // Looked up once per (operation, resource, status): registering per call sorted tags and hashed an id each time.
        java.util.Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();
        return (op, kind, status, took) -> timers.computeIfAbsent(op + '/' + kind.name() + '/' + status,
                k -> Timer.builder("sink.scim.requests")
                        .description("SCIM requests to the target, each attempt")
                        .tag("operation", op).tag("resource", kind.name())
                        .tag("status", status < 0 ? "none" : Integer.toString(status))
                        .register(meters)).record(took);
    }

    @Bean
    SinkMetrics sinkMetrics(MeterRegistry meters, ResilientScimClient scim, Quarantine quarantine, PauseControl pauses,
                            StagedDeletions staged, DeadLetterIndex deadLetters, ParkedMembers members,
                            ParkedManagers managers) {
        return new SinkMetrics(meters, scim, quarantine, pauses, staged, deadLetters, members, managers);
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
    OperatorPause operatorPause(JdbcTemplate jdbc) {
        return new OperatorPause(jdbc);
    }

    @Bean
    ParkedManagers parkedManagers(JdbcTemplate jdbc) {
        return new ParkedManagers(jdbc);
    }

    @Bean
    DeadLetterIndex deadLetterIndex(JdbcTemplate jdbc) {
        return new DeadLetterIndex(jdbc);
    }

    @Bean
    Reconciler reconciler(ResilientScimClient scim, LinkStore links, ParkedMembers parked, ParkedManagers managers,
                          SinkProperties p) {
        return new Reconciler(scim, links, parked, managers, new PatchBodies(p.patchDialect()), p.memberChunkSize(),
                p.createFirst());
    }

    @Bean
    KafkaTemplate<byte[], byte[]> sinkKafkaTemplate(KafkaProperties kafka) {
        Map<String, Object> props = kafka.buildProducerProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // A result leaves as soon as its SCIM write is done (the batch waits for the acks once, at its end): the shorter
        // a result waits in the producer, the smaller the window in which a crash loses the record of a write that
        // happened (the redelivered command then finds the object as desired and can only say "no change"). Batching
        // results for 5 ms (the Kafka 4 default) with lz4 gave no measurable gain here (local-pipeline README, fifth
        // session) and let the fault suite's kill -9 of the sink lose the CREATE result of a sampled user.
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(props));
    }

    @Bean
    RecordCounters recordCounters(MeterRegistry meters) {
        return new RecordCounters(meters);
    }

    @Bean
    Publisher publisher(KafkaTemplate<byte[], byte[]> sinkKafkaTemplate, RecordCounters counters) {
        return new CountingPublisher(new KafkaPublisher(sinkKafkaTemplate), counters);
    }

    @Bean
    StagedDeletions stagedDeletions(JdbcTemplate jdbc) {
        return new StagedDeletions(jdbc);
    }

    @Bean
    DeletionGuard deletionGuard(SinkProperties p, StagedDeletions staged) {
        SinkProperties.DeletionGuard g = p.deletionGuard();
        return new DeletionGuard(new DeletionGuard.Settings(g.enabled(), g.threshold(), g.window()), staged.count());
    }

    @Bean
    CallObserver quarantineObserver(Quarantine quarantine) {
        return (op, kind, status, took) -> quarantine.call(status, Instant.now());
    }

    @Bean
    CommandProcessor commandProcessor(Reconciler reconciler, Publisher publisher, DeadLetterIndex index,
                                      PauseControl pauses, SinkProperties p, DeletionGuard guard, StagedDeletions staged,
                                      Quarantine quarantine, ObjectProvider<SinkEvents> events, LinkStore links,
                                      JdbcTemplate jdbc, @Value("${pipeline.job-id:scim.tanium-sso}") String jobId) {
        return new CommandProcessor(reconciler, new Results(jobId), publisher, index, pauses.as(PauseControl.Reason.OUTAGE),
                () -> Thread.sleep(p.breaker().openFor().toMillis()), jobId, guard, staged, quarantine,
                SinkEvents.all(events.orderedStream().toList()), links, new EarlierDeliveries(jdbc),
                () -> pauses.holds(PauseControl.Reason.OPERATOR));
    }

    @Bean
    DeletionReleases deletionReleases(DeletionGuard guard, StagedDeletions staged, CommandProcessor processor) {
        return new DeletionReleases(guard, staged, processor);
    }

    @Bean
    Escrows escrows(Reconciler reconciler, ParkedMembers members, ParkedManagers managers, LinkStore links,
                    Publisher publisher, EscrowProperties e, ObjectProvider<SinkEvents> events,
                    @Value("${pipeline.job-id:scim.tanium-sso}") String jobId) {
        return new Escrows(reconciler, members, managers, links, publisher, new Results(jobId),
                SinkEvents.all(events.orderedStream().toList()), e.maxAge(), java.time.Clock.systemUTC());
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
