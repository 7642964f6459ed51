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
 * Handles the records of {@code scim.commands.v1} end to end, one polled batch at a time: decode, reconcile
 * in order, publish every outcome as a result, and park permanent failures on the dead-letter topic (indexed
 * for replay). Returns only when everything the batch sent was acknowledged, so the caller may commit its
 * offsets; otherwise it throws {@link CommandBatchInterrupted} naming the first command to deliver again.
 * While the target is down (circuit breaker open) or the link store is unreachable it pauses consumption and
 * waits, holding the command, so nothing is lost and per-object order is kept. The links of the batch's
 * objects are read in one statement before the first command.
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
    private final java.util.function.BooleanSupplier operatorPaused;
    private final LinkStore links;
    private final EarlierDeliveries deliveries;

    public CommandProcessor(Reconciler reconciler, Results results, Publisher publisher, DeadLetterIndex deadLetters,
                            ConsumptionGate gate, TargetWaiter waiter, String jobId) {
        this(reconciler, results, publisher, deadLetters, gate, waiter, jobId, null, null, null, SinkEvents.NONE, null, () -> false);
    }

    /**
     * With the accidental-deletion guard ({@code guard} and {@code staged} both set, or both null) and
     * quarantine (null = none: credential failures are dead-lettered like other 4xx).
     */
    public CommandProcessor(Reconciler reconciler, Results results, Publisher publisher, DeadLetterIndex deadLetters,
                            ConsumptionGate gate, TargetWaiter waiter, String jobId, DeletionGuard guard,
                            StagedDeletions staged, Quarantine quarantine, SinkEvents events, LinkStore links,
                            java.util.function.BooleanSupplier operatorPaused) {
        this(reconciler, results, publisher, deadLetters, gate, waiter, jobId, guard, staged, quarantine, events, links,
                null, operatorPaused);
    }

    /** @param deliveries where the batches delivered are noted (null: not noted; redelivered creates read as matches) */
    public CommandProcessor(Reconciler reconciler, Results results, Publisher publisher, DeadLetterIndex deadLetters,
                            ConsumptionGate gate, TargetWaiter waiter, String jobId, DeletionGuard guard,
                            StagedDeletions staged, Quarantine quarantine, SinkEvents events, LinkStore links,
                            EarlierDeliveries deliveries, java.util.function.BooleanSupplier operatorPaused) {
        this.events = events;
        this.links = links;
        this.deliveries = deliveries;
        this.operatorPaused = operatorPaused;
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

    /** One record on its own (a batch of one). */
    public void process(InboundRecord r) {
        processBatch(List.of(r));
    }

    /**
     * Processes a polled batch in order. An operator's pause takes effect after the command in hand: the rest of the
     * batch is handed back ({@link CommandBatchInterrupted} with an {@link OperatorPauseRequested} cause).
     */
    public void processBatch(List<InboundRecord> records) {
        Batch batch = new Batch(links == null ? null : new BatchLinks(links));
        Instant deliveredAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Map<String, LinkStore.Own> known = prefetchLinks(records, deliveredAt);
        for (int i = 0; i < records.size(); i++) {
            if (i > 0 && operatorPaused.getAsBoolean()) {
                notStarted(records.subList(i, records.size()), deliveredAt);
                batch.complete();
                throw new CommandBatchInterrupted(i, new OperatorPauseRequested());
            }
            try {
                processOne(records.get(i), i, batch, known);
            } catch (CommandBatchInterrupted e) {
                throw e;
            } catch (RuntimeException e) {
                // The commands before this one are done: only this one and the rest are delivered again (the container
                // retries this one as it retried a single record, and never skips one whose send failed).
                notStarted(records.subList(i + 1, records.size()), deliveredAt);
                batch.complete();
                throw new CommandBatchInterrupted(i, e);
            }
        }
        batch.complete();
    }

    /**
     * The batch's records handed back before they were started made no write in this delivery: once delivered again
     * (after a pause of hours, say) they must not take an object someone created meanwhile for their own create.
     */
    private void notStarted(List<InboundRecord> rest, Instant deliveredAt) {
        if (deliveries == null || rest.isEmpty()) {
            return;
        }
        try {
            deliveries.notStarted(rest, deliveredAt);
        } catch (org.springframework.dao.DataAccessException down) {
            log.warn("could not note {} command(s) handed back unstarted ({}); if their objects are created by someone "
                    + "else before they are delivered again, the log reports those as their creates", rest.size(),
                    down.getClass().getSimpleName());
        }
    }

    /** What one batch of commands has pending: links not written yet, results not acknowledged yet. */
    private final class Batch {
        final BatchAcks acks = new BatchAcks(ACK_TIMEOUT_MILLIS);
        final BatchLinks links;
        final Reconciler reconciler;
        /** The last command (and its position) that linked each object, for the results of late resolutions. */
        final Map<String, Map.Entry<Integer, ProvisioningCommand>> linkedBy = new java.util.HashMap<>();

        Batch(BatchLinks links) {
            this.links = links;
            this.reconciler = links == null ? CommandProcessor.this.reconciler : CommandProcessor.this.reconciler.with(links);
        }

        void executed(ProvisioningCommand c, int position) {
            linkedBy.put(c.sourceObjectId(), Map.entry(position, c));
        }

        /**
         * Waits for the results so far, writes the batch's links (holding the batch while PostgreSQL is down), applies
         * the references they made resolvable, and waits for those results: the offsets may be committed only after this
         * returns. Results before links: a link written before the result of the write that made it, then a crash, and
         * the redelivered command finds the object linked and as desired, so the log would only say "no change" for a
         * write that happened. The other way round the redelivered command finds the object again (a 409 on create, then
         * a match) and, its earlier delivery noted ({@link EarlierDeliveries}), reports that create. If a result was not
         * acknowledged the links are still written (the commands before it are done and their offsets committed), then
         * the batch is handed back from that command.
         */
        void complete() {
            CommandBatchInterrupted notAcknowledged = null;
            try {
                acks.awaitAll();
            } catch (CommandBatchInterrupted e) {
                notAcknowledged = e;
            }
            boolean resolved = false;
            if (links != null) {
                List<String> linked = links.pendingSourceIds();
                if (flushWaitingForStore(links)) {
                    for (String sourceId : linked) {
                        Map.Entry<Integer, ProvisioningCommand> by = linkedBy.get(sourceId);
                        if (by != null) {
                            for (Outcome o : waitingForTarget("the references to " + sourceId,
                                    () -> reconciler.resolveReferencesTo(sourceId))) {
                                publishResult(results.of(by.getValue(), o), by.getKey(), acks);
                                resolved = true;
                            }
                        }
                    }
                }
            }
            if (notAcknowledged != null && !resolved) {
                throw notAcknowledged;
            }
            try {
                acks.awaitAll();
            } catch (CommandBatchInterrupted e) {
                throw notAcknowledged == null || e.position() < notAcknowledged.position() ? e : notAcknowledged;
            }
            if (notAcknowledged != null) {
                throw notAcknowledged;
            }
        }
    }

    private boolean flushWaitingForStore(BatchLinks pending) {
        boolean[] parked = new boolean[1];
        whileStoreDown("the links of a batch", () -> parked[0] = pending.flush());
        return parked[0];
    }

    private static final long ACK_TIMEOUT_MILLIS = 60_000;

    /**
     * The own links of the batch's objects, in one statement, each with when an earlier delivery of its record began
     * (so that a redelivery after a crash reports the create its first delivery made). An object with several commands
     * in the batch is left out (its later commands must see what the earlier ones linked or unlinked), as is an
     * undecodable record.
     */
    private Map<String, LinkStore.Own> prefetchLinks(List<InboundRecord> records, Instant deliveredAt) {
        if (links == null || records.isEmpty()) {
            return Map.of();
        }
        Map<String, Integer> once = new java.util.HashMap<>();
        java.util.Set<String> several = new java.util.HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            InboundRecord r = records.get(i);
            if (r.key() != null) {
                String id = new String(r.key(), StandardCharsets.UTF_8);
                if (several.contains(id) || once.put(id, i) != null) {
                    once.remove(id);
                    several.add(id);
                }
            }
        }
        if (once.isEmpty() && deliveries == null) {
            return Map.of();
        }
        boolean[] eligible = new boolean[records.size()];
        once.values().forEach(i -> eligible[i] = true);
        try {
            Instant[] earlier = deliveries == null ? new Instant[records.size()]
                    : deliveries.note(records, eligible, deliveredAt);
            if (once.isEmpty()) {
                return Map.of();
            }
            Map<String, LinkStore.Own> own = new java.util.HashMap<>(links.own(once.keySet()));
            once.forEach((id, i) -> {
                if (earlier[i] != null) {
                    own.computeIfPresent(id, (k, o) -> o.deliveredBefore(earlier[i]));
                }
            });
            return own;
        } catch (org.springframework.dao.DataAccessException down) {
            // Read again per command, which holds the command while PostgreSQL is down instead of failing the batch.
            return Map.of();
        }
    }

    private void processOne(InboundRecord r, int position, Batch batch, Map<String, LinkStore.Own> known) {
        BatchAcks acks = batch.acks;
        ProvisioningCommand command;
        try {
            command = RecordCodec.read(r.value(), ProvisioningCommand.class);
        } catch (MalformedRecordException e) {
            log.warn("malformed command at {}-{}@{}: {}; parked on {}", r.topic(), r.partition(), r.offset(), e.getMessage(),
                    Topics.deadLetterOf(r.topic()));
            publisher.send(DeadLetterRecord.of(r.topic(), r.partition(), r.offset(), r.key(), r.value(),
                    DeadLetterRecord.Failure.malformed(e, ReportingService.SCIM_SINK)));
            publishResult(MalformedRecordResults.of(ReportingService.SCIM_SINK, jobId, r.topic(), r.partition(), r.offset(),
                    r.key(), e), position, acks);
            return;
        }
        if (guard != null && guard.admit(command, Instant.now()) == DeletionGuard.Verdict.STAGE) {
            stage(r, command, position, acks);
            return;
        }
        if (guard != null && guard.tripped() && !DeletionGuard.isDeletion(command)) {
            whileStoreDown("command " + command.commandId(), () -> dropSuperseded(command));
        }
        // The key is the object id (the mapper's partitioning); a record keyed otherwise is not prefetched.
        LinkStore.Own own = known.get(command.sourceObjectId());
        execute(batch.reconciler, r, command, own != null && r.key() != null
                && command.sourceObjectId().equals(new String(r.key(), StandardCharsets.UTF_8)) ? own : null, position, acks);
        batch.executed(command, position);
    }

    /** A PostgreSQL outage while staging or writing links is handled like the reconcile path: binding paused, work held. */
    private void whileStoreDown(String held, Runnable storeAction) {
        boolean paused = false;
        try {
            while (true) {
                try {
                    storeAction.run();
                    return;
                } catch (org.springframework.dao.DataAccessException down) {
                    if (!paused) {
                        log.warn("sink store (PostgreSQL) unavailable: {}; pausing consumption and holding {}",
                                down.getClass().getSimpleName(), held);
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
        BatchAcks acks = new BatchAcks(ACK_TIMEOUT_MILLIS);
        execute(reconciler, r, RecordCodec.read(r.value(), ProvisioningCommand.class), null, 0, acks);
        acks.awaitAll();
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
            // Acknowledged before the held command is removed: a redelivery would not find it to audit again.
            staged.remove(h.commandId());
            log.info("held {} of {} (command {}) superseded by command {}", c.operation(), c.sourceObjectId(),
                    c.commandId(), later.commandId());
        }
    }

    private void stage(InboundRecord r, ProvisioningCommand c, int position, BatchAcks acks) {
        String reason = guard.state(Instant.now()).reason();
        whileStoreDown("command " + c.commandId(), () -> staged.stage(r, c, reason, Instant.now()));
        publishResult(results.of(c, stagedOutcome(c, ProvisioningStatus.WARNING, "EntryExportStaged",
                "staged: the accidental-deletion guard holds this " + c.operation().name().toLowerCase() + " ("
                        + reason + "); release with POST /api/deletions/allow or drop with POST /api/deletions/reject")),
                position, acks);
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

    private void execute(Reconciler reconciler, InboundRecord r, ProvisioningCommand command, LinkStore.Own known, int position,
                         BatchAcks acks) {
        List<Outcome> outcomes = reconcileWaitingForTarget(reconciler, command, known);
        Outcome main = outcomes.get(0);
        if (main.deadLetter()) {
            deadLetter(r, command, main);
        }
        for (Outcome o : outcomes) {
            publishResult(results.of(command, o), position, acks);
        }
        log.debug("command {} ({} {}) -> {} {}", command.commandId(), command.operation(), command.sourceObjectId(),
                main.action(), main.status());
    }

    /** @param known the command's own link as read for its batch, used on the first attempt only */
    private List<Outcome> reconcileWaitingForTarget(Reconciler reconciler, ProvisioningCommand command, LinkStore.Own known) {
        LinkStore.Own[] firstAttempt = {known};
        Instant earlierDeliveryAt = known == null ? null : known.earlierDeliveryAt();
        return waitingForTarget("command " + command.commandId(), () -> {
            LinkStore.Own k = firstAttempt[0];
            firstAttempt[0] = null;
            return reconciler.apply(command, k, earlierDeliveryAt);
        });
    }

    /** Runs {@code attempt} until the target and the store answer, holding {@code held} (consumption paused) meanwhile. */
    private List<Outcome> waitingForTarget(String held, java.util.function.Supplier<List<Outcome>> attempt) {
        boolean paused = false;
        Instant downSince = null;
        try {
            while (true) {
                try {
                    if (quarantine != null) {
                        quarantine.awaitAttempt();
                    }
                    List<Outcome> outcomes = attempt.get();
                    if (quarantine != null && quarantine.active() && !outcomes.isEmpty() && credentialFailure(outcomes.get(0))) {
                        // Quarantined for the credentials: hold the command for the next attempt, do not dead-letter it.
                        log.warn("{} held: {}", held, quarantine.status() == null ? "credentials rejected"
                                : quarantine.status().reason());
                        continue;
                    }
                    return outcomes;
                } catch (TargetUnavailableException | org.springframework.dao.DataAccessException down) {
                    if (!paused) {
                        log.warn("{}; pausing consumption and holding {}", down instanceof TargetUnavailableException
                                ? "SCIM target unavailable" : "link store (PostgreSQL) unavailable: " + down.getClass().getSimpleName(),
                                held);
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

    /** Sent at once, acknowledged later: {@code acks} waits for it before the batch's offsets may be committed. */
    private void publishResult(ProvisioningResult result, int position, BatchAcks acks) {
        acks.add(position, publisher.sendAsync(resultRecord(result)));
        events.resultPublished(result);
    }

    /** Sent and acknowledged before returning (an operator's rejection, a superseded held deletion). */
    private void publishResult(ProvisioningResult result) {
        publisher.send(resultRecord(result));
        events.resultPublished(result);
    }

    private static ProducerRecord<byte[], byte[]> resultRecord(ProvisioningResult result) {
        byte[] key = result.sourceIdentity().id() == null ? null : result.sourceIdentity().id().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(Topics.RESULTS, key, RecordCodec.write(result));
    }
}
