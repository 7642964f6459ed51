package io.entrascim.source;

import io.entrascim.contracts.CycleOrigin;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.kafka.support.ProducerListener;

/**
 * The connector's Micrometer series (exported at /actuator/prometheus):
 * {@code pipeline.records{topic,direction="out"}} for every record Kafka acknowledged (changes, cycle markers,
 * checkpoints), and cycle progress: {@code source.cycle.objects{kind}} events emitted so far in the running cycle of
 * that kind (0 when none runs), {@code source.cycle.expected} (users + groups counted at the start of the initial
 * cycle, -1 unknown), {@code source.cycle.last.completed} (epoch seconds; 0 until a cycle completes in this process)
 * and {@code source.cycle.last.duration} (seconds).
 */
final class SourceMetrics implements ProducerListener<byte[], byte[]> {

    private final MeterRegistry registry;
    private final Map<String, Counter> out = new ConcurrentHashMap<>();

    SourceMetrics(MeterRegistry registry, SyncEngine engine) {
        this.registry = registry;
        for (CycleOrigin kind : new CycleOrigin[] {CycleOrigin.INITIAL, CycleOrigin.INCREMENTAL}) {
            Gauge.builder("source.cycle.objects", engine, e -> kind == e.runningOrigin() ? e.emittedInCycle() : 0)
                    .description("events emitted and acknowledged so far in the running cycle of this kind")
                    .tag("kind", kind.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        Gauge.builder("source.cycle.expected", engine, SyncEngine::expectedInCycle)
                .description("users + groups Graph counted at the start of the initial cycle; -1 when unknown")
                .register(registry);
        Gauge.builder("source.cycle.last.completed", engine, e -> e.lastCompleted() == null ? 0
                        : e.lastCompleted().finishedAt().getEpochSecond())
                .description("when the last cycle completed, epoch seconds; 0 until one completes in this process")
                .register(registry);
        Gauge.builder("source.cycle.last.duration", engine, e -> e.lastCompleted() == null ? 0
                        : e.lastCompleted().duration().toNanos() / 1e9)
                .description("duration of the last completed cycle").baseUnit("seconds").register(registry);
    }

    @Override
    public void onSuccess(ProducerRecord<byte[], byte[]> record, RecordMetadata metadata) {
        out.computeIfAbsent(record.topic(), t -> Counter.builder("pipeline.records")
                .description("records produced and acknowledged per topic")
                .tag("topic", t).tag("direction", "out").register(registry)).increment();
    }
}
