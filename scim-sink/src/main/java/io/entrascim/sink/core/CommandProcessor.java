package io.entrascim.sink.core;

import io.entrascim.contracts.DeadLetterRecord;
import io.entrascim.contracts.MalformedRecordException;
import io.entrascim.contracts.MalformedRecordResults;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.ReportingService;
import io.entrascim.contracts.Topics;
import io.entrascim.sink.scim.TargetUnavailableException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Handles one record of {@code scim.commands.v1} end to end: decode, reconcile, publish every
 * outcome as a result, and park permanent failures on the dead-letter topic (indexed for replay).
 * Returns only when everything it sent was acknowledged, so the caller may commit the offset.
 * While the target is down (circuit breaker open) it pauses consumption and waits, holding the
 * record, so nothing is lost and per-object order is kept.
 */
public final class CommandProcessor {

    private static final Logger log = LoggerFactory.getLogger(CommandProcessor.class);

    private final Reconciler reconciler;
    private final Results results;
    private final Publisher publisher;
    private final DeadLetterIndex deadLetters;
    private final ConsumptionGate gate;
    private final TargetWaiter waiter;
    private final String jobId;

    public CommandProcessor(Reconciler reconciler, Results results, Publisher publisher, DeadLetterIndex deadLetters,
                            ConsumptionGate gate, TargetWaiter waiter, String jobId) {
        this.reconciler = reconciler;
        this.results = results;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.gate = gate;
        this.waiter = waiter;
        this.jobId = jobId;
    }

    public void process(InboundRecord r) {
        ProvisioningCommand command;
        try {
            command = RecordCodec.read(r.value(), ProvisioningCommand.class);
        } catch (MalformedRecordException e) {
            log.warn("malformed command at {}-{}@{}: {}; parked on {}", r.topic(), r.partition(), r.offset(), e.getMessage(),
                    Topics.deadLetterOf(r.topic()));
            publisher.send(DeadLetterRecord.of(r.topic(), r.partition(), r.offset(), r.key(), r.value(),
                    DeadLetterRecord.Failure.malformed(e, ReportingService.SCIM_SINK)));
            publishResult(MalformedRecordResults.of(ReportingService.SCIM_SINK, jobId, r.topic(), r.partition(), r.offset(),
                    r.key(), e));
            return;
        }
        List<Outcome> outcomes = reconcileWaitingForTarget(command);
        Outcome main = outcomes.get(0);
        if (main.deadLetter()) {
            deadLetter(r, command, main);
        }
        for (Outcome o : outcomes) {
            publishResult(results.of(command, o));
        }
        log.debug("command {} ({} {}) -> {} {}", command.commandId(), command.operation(), command.sourceObjectId(),
                main.action(), main.status());
    }

    private List<Outcome> reconcileWaitingForTarget(ProvisioningCommand command) {
        boolean paused = false;
        try {
            while (true) {
                try {
                    return reconciler.apply(command);
                } catch (TargetUnavailableException down) {
                    if (!paused) {
                        log.warn("SCIM target unavailable; pausing consumption and holding command {}", command.commandId());
                        gate.pause();
                        paused = true;
                    }
                    try {
                        waiter.awaitTarget();
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for the SCIM target", ie);
                    }
                }
            }
        } finally {
            if (paused) {
                log.info("SCIM target answers again; resuming consumption");
                gate.resume();
            }
        }
    }

    private void deadLetter(InboundRecord r, ProvisioningCommand c, Outcome main) {
        Outcome.Failure f = main.failure();
        String resultId = Results.resultId(c, main);
        Publisher.Written parkedAt = publisher.send(DeadLetterRecord.of(r.topic(), r.partition(), r.offset(), r.key(), r.value(),
                new DeadLetterRecord.Failure(f.errorClass().header(), f.errorCode(), f.reason(), f.httpStatus(), f.scimType(),
                        f.detail(), f.attempts(), f.firstFailureAt(), f.lastFailureAt(), ReportingService.SCIM_SINK)));
        deadLetters.record(new DeadLetterIndex.Entry(c.commandId(), c.sourceObjectId(), c.operation().name(),
                f.errorClass().header(), f.errorCode(), f.reason(), f.httpStatus(), f.attempts(), f.firstFailureAt(),
                f.lastFailureAt(), r.topic(), r.partition(), r.offset(), resultId, r.value(), parkedAt.partition(),
                parkedAt.offset()), f.scimType());
        log.warn("command {} for {} failed permanently ({} {}); parked on {}", c.commandId(), c.sourceObjectId(),
                f.errorCode(), f.httpStatus() == null ? "" : f.httpStatus(), Topics.deadLetterOf(r.topic()));
    }

    private void publishResult(ProvisioningResult result) {
        byte[] key = result.sourceIdentity().id() == null ? null : result.sourceIdentity().id().getBytes(StandardCharsets.UTF_8);
        publisher.send(new ProducerRecord<>(Topics.RESULTS, key, RecordCodec.write(result)));
    }
}
