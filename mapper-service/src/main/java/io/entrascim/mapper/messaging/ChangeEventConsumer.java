package io.entrascim.mapper.messaging;

import io.entrascim.contracts.BatchedRecord;
import io.entrascim.contracts.RecordSizeLimit;
import io.entrascim.contracts.SendFailures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.stereotype.Component;

import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.Topics;
import io.entrascim.mapper.config.MapperProperties;
import io.entrascim.mapper.config.PipelineProperties;
import io.entrascim.mapper.mapping.ChangeMapper;
import io.entrascim.mapper.metrics.PipelineMetrics;

/**
 * The {@code mapChanges} function bound to entra.changes.v1 in batch mode: maps every record of a poll, sends all
 * outputs, then waits once for all their acks before returning, so the binder commits the batch's offsets only
 * afterwards (at-least-once). Waiting per batch instead of per record keeps thousands of sends in flight instead of
 * a handful. Sends happen in input order on this one thread and the idempotent producer keeps per-partition order,
 * so the outputs of one object stay in order. If a send fails for a reason that may pass (broker down, timeout) the
 * whole batch is redelivered (the container's error handler retries it); command and result ids are deterministic,
 * so the repeats are harmless downstream. A record Kafka can never accept (too large, invalid) would fail the same
 * way on every redelivery: its event is parked instead ({@link OversizedEvents}) and the batch goes on.
 */
@Component("mapChanges")
class ChangeEventConsumer implements Consumer<Message<List<byte[]>>> {
    private static final Logger log = LoggerFactory.getLogger(ChangeEventConsumer.class);

    private final ChangeRecordHandler handler;
    private final OversizedEvents oversized;
    private final KafkaTemplate<byte[], byte[]> kafka;
    private final MapperProperties props;
    private final PipelineMetrics metrics;

    ChangeEventConsumer(ChangeMapper mapper, KafkaTemplate<byte[], byte[]> kafka, MapperProperties props,
                        PipelineProperties pipeline, PipelineMetrics metrics) {
        this.handler = new ChangeRecordHandler(mapper, pipeline.jobId());
        this.oversized = new OversizedEvents(RecordSizeLimit.of(kafka.getProducerFactory().getConfigurationProperties()),
                pipeline.jobId());
        this.kafka = kafka;
        this.props = props;
        this.metrics = metrics;
    }

    /** One output record in flight: which input it belongs to, and the audit result it carries (or null). */
    private record Sent(int input, ProducerRecord<byte[], byte[]> record, ProvisioningResult result, CompletableFuture<?> ack) {
    }

    @Override
    public void accept(Message<List<byte[]>> message) {
        MessageHeaders h = message.getHeaders();
        List<BatchedRecord> batch = BatchedRecord.of(message.getPayload(), h.get(KafkaHeaders.RECEIVED_TOPIC),
                h.get(KafkaHeaders.RECEIVED_PARTITION), h.get(KafkaHeaders.OFFSET), h.get(KafkaHeaders.RECEIVED_KEY),
                Topics.CHANGES);

        List<Sent> sent = new ArrayList<>(batch.size() * 2);
        List<InputRecord> inputs = new ArrayList<>(batch.size());
        List<ChangeRecordHandler.Output> outputs = new ArrayList<>(batch.size());
        Map<String, Long> in = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            BatchedRecord b = batch.get(i);
            String topic = b.topic();
            InputRecord record = new InputRecord(topic, b.partition(), b.offset(), b.key(), b.value());
            ChangeRecordHandler.Output output = oversized.guard(record, handler.handle(record));
            inputs.add(record);
            outputs.add(output);
            send(i, output, sent);
            in.merge(topic, 1L, Long::sum);
        }
        List<Sent> refused = awaitAll(sent);
        if (!refused.isEmpty()) {
            sent.addAll(parkRefused(refused, inputs, outputs));
        }

        in.forEach(metrics::recordsIn);
        Map<String, Long> out = new HashMap<>();
        long malformed = 0;
        for (Sent s : sent) {
            if (!s.ack().isCompletedExceptionally()) {
                out.merge(s.record().topic(), 1L, Long::sum);
                if (s.result() != null) {
                    metrics.result(s.result().action().name(), s.result().status().name());
                }
            }
        }
        for (ChangeRecordHandler.Output o : outputs) {
            malformed += o.malformed() ? 1 : 0;
        }
        out.forEach(metrics::recordsOut);
        metrics.commands(out.getOrDefault(Topics.COMMANDS, 0L));
        metrics.malformed(malformed);
    }

    /**
     * Parks the events whose records Kafka refused for good, and waits for that. Ordering: only the refused event is
     * parked; the later outputs of the batch, including later events of the same object, are already on their way in
     * order and stay so. Each event carries the object's full state, so the target ends at the newest state that fits,
     * which is also what the next batch would do: holding the object back would stall it until an operator acts,
     * without making the target more right. The dead letter and the FAILURE result go to other topics, so sending them
     * last reorders nothing the sink applies. The refused event's other outputs (e.g. its other commands) may already
     * be acknowledged: the FAILURE result that follows, with its own id, is the last word on that change.
     */
    private List<Sent> parkRefused(List<Sent> refused, List<InputRecord> inputs, List<ChangeRecordHandler.Output> outputs) {
        Map<Integer, OversizedEvents.TooLarge> toPark = new TreeMap<>();
        for (Sent s : refused) {
            if (!isDeadLetter(s.record())) {
                toPark.putIfAbsent(s.input(), oversized.refused(s.record(), SendFailures.permanentCause(SendFailures.of(s.ack()))));
            }
        }
        List<Sent> deadLetters = new ArrayList<>();
        for (Sent s : refused) {
            if (isDeadLetter(s.record()) && !toPark.containsKey(s.input())) {
                deadLetters.add(s);
            }
        }
        toPark.values().forEach(t -> log.warn("Kafka refused an output for good: {}", t.describe()));
        List<Sent> parked = new ArrayList<>();
        toPark.forEach((i, what) -> send(i, oversized.park(inputs.get(i), outputs.get(i), what), parked));
        for (Sent s : awaitAll(parked)) {
            if (!isDeadLetter(s.record())) {
                throw new IllegalStateException("Kafka refused the FAILURE result of a record too large to send; the batch"
                        + " will be redelivered: " + SendFailures.of(s.ack()).getMessage(), SendFailures.of(s.ack()));
            }
            deadLetters.add(s);
        }
        // A dead-letter topic that refuses what its input topic took still gets the headers, so the partition moves.
        List<Sent> emptied = new ArrayList<>();
        for (Sent s : deadLetters) {
            InputRecord input = inputs.get(s.input());
            log.warn("Kafka refused the dead letter of {}-{}@{} too; parking its headers only", input.topic(),
                    input.partition(), input.offset());
            ProducerRecord<byte[], byte[]> r = oversized.withoutValue(input, s.record(), SendFailures.of(s.ack()));
            emptied.add(new Sent(s.input(), r, null, sendOne(r)));
        }
        if (!awaitAll(emptied).isEmpty()) {
            throw new IllegalStateException("Kafka refused even an empty dead letter; the batch will be redelivered");
        }
        parked.addAll(emptied);
        return parked;
    }

    private void send(int input, ChangeRecordHandler.Output output, List<Sent> sent) {
        List<ProvisioningResult> results = output.resultsByRecord();
        for (int j = 0; j < output.records().size(); j++) {
            ProducerRecord<byte[], byte[]> r = output.records().get(j);
            sent.add(new Sent(input, r, results.get(j), sendOne(r)));
        }
    }

    private CompletableFuture<?> sendOne(ProducerRecord<byte[], byte[]> r) {
        try {
            return kafka.send(r);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static boolean isDeadLetter(ProducerRecord<byte[], byte[]> r) {
        return r.topic().endsWith(".dlt");
    }

    /**
     * One wait for the whole batch. A failure that may pass makes the container redeliver the batch from its first
     * offsets; the records Kafka refused for good are returned, so that their events can be parked.
     */
    private List<Sent> awaitAll(List<Sent> sent) {
        if (sent.isEmpty()) {
            return List.of();
        }
        try {
            CompletableFuture.allOf(sent.stream().map(Sent::ack).toArray(CompletableFuture[]::new))
                    .get(props.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka acks", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the mapper's output of a batch of " + sent.size()
                    + " records within " + props.sendTimeout() + "; the batch will be redelivered", e);
        } catch (ExecutionException e) {
            // allOf fails only once every send is done, so each one's outcome is known here.
            List<Sent> refused = new ArrayList<>();
            for (Sent s : sent) {
                Throwable cause = SendFailures.of(s.ack());
                if (cause == null) {
                    continue;
                }
                if (SendFailures.permanentCause(cause) == null) {
                    throw new IllegalStateException("Kafka did not acknowledge the mapper's output of a batch of " + sent.size()
                            + " records; the batch will be redelivered: " + cause.getMessage(), cause);
                }
                refused.add(s);
            }
            return refused;
        }
    }
}
