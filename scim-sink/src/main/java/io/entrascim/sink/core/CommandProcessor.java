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

import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.StepType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Handles one record of {@code scim.commands.v1} end to end: decode, reconcile, publish every
 * outcome as a result, and park permanent failures on the dead-letter topic (indexed for replay).
 * Returns only when everything it sent was acknowledged, so the caller may commit the offset.
 * While the target is down (circuit breaker open) or the link store is unreachable it pauses
 * consumption and waits, holding the record, so nothing is lost and per-object order is kept.
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
    private final DeletionGuard guard;
    private final StagedDeletions staged;
    private final Quarantine quarantine;
    private final SinkEvents events;

    public CommandProcessor(Reconciler reconciler, Results results, Publisher publisher, DeadLetterIndex deadLetters,
                            ConsumptionGate gate, TargetWaiter waiter, String jobId) {
        this(reconciler, results, publisher, deadLetters, gate, waiter, jobId, null, null, null, SinkEvents.NONE);
    }

    /**
     * With the accidental-deletion guard ({@code guard} and {@code staged} both set, or both null) and
     * quarantine (null = none: credential failures are dead-lettered like other 4xx).
     */
    public CommandProcessor(Reconciler reconciler, Results results, Publisher publisher, DeadLetterIndex deadLetters,
                            ConsumptionGate gate, TargetWaiter waiter, String jobId, DeletionGuard guard,
                            StagedDeletions staged, Quarantine quarantine, SinkEvents events) {
        this.events = events;
        this.guard = guard;
        this.quarantine = quarantine;
        this.staged = staged;
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
        if (guard != null && guard.admit(command, Instant.now()) == DeletionGuard.Verdict.STAGE) {
            stage(r, command);
            return;
        }
        if (guard != null && guard.tripped() && !DeletionGuard.isDeletion(command)) {
            whileStoreDown(command, () -> dropSuperseded(command));
        }
        execute(r, command);
    }

    /** A PostgreSQL outage while staging is handled like the reconcile path: binding paused, command held. */
    private void whileStoreDown(ProvisioningCommand c, Runnable storeAction) {
        boolean paused = false;
        try {
            while (true) {
                try {
                    storeAction.run();
                    return;
                } catch (org.springframework.dao.DataAccessException down) {
                    if (!paused) {
                        log.warn("deletion store (PostgreSQL) unavailable: {}; pausing consumption and holding command {}",
                                down.getClass().getSimpleName(), c.commandId());
                        gate.pause();
                        paused = true;
                    }
                    waiter.awaitTarget();
                }
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for PostgreSQL", ie);
        } finally {
            if (paused) {
                gate.resume();
            }
        }
    }

    /** Runs a command the deletion guard held, now that an operator allowed it (no second guard check). */
    public void executeReleased(InboundRecord r) {
        execute(r, RecordCodec.read(r.value(), ProvisioningCommand.class));
    }

    /** Audits a held deletion the operator rejected: it is dropped, never executed. */
    public void reject(StagedDeletions.Held h) {
        ProvisioningCommand c = RecordCodec.read(h.record().value(), ProvisioningCommand.class);
        publishResult(results.of(c, stagedOutcome(c, ProvisioningStatus.SKIPPED, "EntryExportRejected",
                "rejected by an operator (POST /api/deletions/reject): the " + c.operation().name().toLowerCase()
                        + " is dropped and will not be sent to the target; held because " + h.reason())));
        log.info("held {} of {} (command {}) rejected by an operator", c.operation(), c.sourceObjectId(), c.commandId());
    }

    /**
     * A later create/update of an object whose disable/delete is held makes that deletion stale
     * (e.g. the user was re-enabled): allowing it later would undo the newer state, so it is dropped, audited.
     */
    private void dropSuperseded(ProvisioningCommand later) {
        for (StagedDeletions.Held h : staged.of(later.sourceObjectId())) {
            ProvisioningCommand c = RecordCodec.read(h.record().value(), ProvisioningCommand.class);
            publishResult(results.of(c, stagedOutcome(c, ProvisioningStatus.SKIPPED, "EntryExportSuperseded",
                    "superseded: a later " + later.operation().name().toLowerCase() + " (command " + later.commandId()
                            + ") arrived for this object while the " + c.operation().name().toLowerCase()
                            + " was held; the held command is dropped")));
            staged.remove(h.commandId());
            log.info("held {} of {} (command {}) superseded by command {}", c.operation(), c.sourceObjectId(),
                    c.commandId(), later.commandId());
        }
    }

    private void stage(InboundRecord r, ProvisioningCommand c) {
        String reason = guard.state(Instant.now()).reason();
        whileStoreDown(c, () -> staged.stage(r, c, reason, Instant.now()));
        publishResult(results.of(c, stagedOutcome(c, ProvisioningStatus.WARNING, "EntryExportStaged",
                "staged: the accidental-deletion guard holds this " + c.operation().name().toLowerCase() + " ("
                        + reason + "); release with POST /api/deletions/allow or drop with POST /api/deletions/reject")));
        log.warn("{} of {} (command {}) held by the accidental-deletion guard: {}", c.operation(), c.sourceObjectId(),
                c.commandId(), reason);
        events.staged(c, reason);
    }

    private static Outcome stagedOutcome(ProvisioningCommand c, ProvisioningStatus status, String step, String why) {
        Trace t = new Trace();
        t.step(step, StepType.EXPORT, status, why, Map.of("operation", c.operation().name()));
        return t.done("main", ProvisioningAction.STAGED_DELETE, status, c.sourceObjectId(), null, null, null,
                c.causingEventId(), c.cycleId());
    }

    private void execute(InboundRecord r, ProvisioningCommand command) {
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
        Instant downSince = null;
        try {
            while (true) {
                try {
                    if (quarantine != null) {
                        quarantine.awaitAttempt();
                    }
                    List<Outcome> outcomes = reconciler.apply(command);
                    if (quarantine != null && quarantine.active() && credentialFailure(outcomes.get(0))) {
                        // Quarantined for the credentials: hold the command for the next attempt, do not dead-letter it.
                        log.warn("command {} held: {}", command.commandId(), quarantine.status() == null ? "credentials rejected"
                                : quarantine.status().reason());
                        continue;
                    }
                    return outcomes;
                } catch (TargetUnavailableException | org.springframework.dao.DataAccessException down) {
                    if (!paused) {
                        log.warn("{}; pausing consumption and holding command {}", down instanceof TargetUnavailableException
                                ? "SCIM target unavailable" : "link store (PostgreSQL) unavailable: " + down.getClass().getSimpleName(),
                                command.commandId());
                        gate.pause();
                        paused = true;
                    }
                    if (down instanceof TargetUnavailableException && quarantine != null) {
                        downSince = downSince == null ? Instant.now() : downSince;
                        quarantine.unavailableSince(downSince, Instant.now());
                        if (quarantine.active()) {
                            continue;
                        }
                    }
                    waiter.awaitTarget();
                }
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the SCIM target", ie);
        } finally {
            if (paused) {
                log.info("SCIM target answers again; resuming consumption");
                gate.resume();
            }
        }
    }

    private static boolean credentialFailure(Outcome main) {
        return main.failure() != null && main.failure().httpStatus() != null
                && (main.failure().httpStatus() == 401 || main.failure().httpStatus() == 403);
    }

    private void deadLetter(InboundRecord r, ProvisioningCommand c, Outcome main) {
        Outcome.Failure f = main.failure();
        String resultId = Results.resultId(c, main);
        Publisher.Written parkedAt = publisher.send(DeadLetterRecord.of(r.topic(), r.partition(), r.offset(), r.key(), r.value(),
                // reason and detail become headers: cut like the result's, or a huge error body would make the record too large
                new DeadLetterRecord.Failure(f.errorClass().header(), f.errorCode(), Results.capped(f.reason()), f.httpStatus(),
                        f.scimType(), Results.capped(f.detail()), f.attempts(), f.firstFailureAt(), f.lastFailureAt(),
                        ReportingService.SCIM_SINK)));
        deadLetters.record(new DeadLetterIndex.Entry(c.commandId(), c.sourceObjectId(), c.operation().name(),
                f.errorClass().header(), f.errorCode(), f.reason(), f.httpStatus(), f.attempts(), f.firstFailureAt(),
                f.lastFailureAt(), r.topic(), r.partition(), r.offset(), resultId, r.value(), parkedAt.partition(),
                parkedAt.offset()), f.scimType());
        log.warn("command {} for {} failed permanently ({} {}); parked on {}", c.commandId(), c.sourceObjectId(),
                f.errorCode(), f.httpStatus() == null ? "" : f.httpStatus(), Topics.deadLetterOf(r.topic()));
        events.deadLettered(c, f);
    }

    private void publishResult(ProvisioningResult result) {
        byte[] key = result.sourceIdentity().id() == null ? null : result.sourceIdentity().id().getBytes(StandardCharsets.UTF_8);
        publisher.send(new ProducerRecord<>(Topics.RESULTS, key, RecordCodec.write(result)));
        events.resultPublished(result);
    }
}
