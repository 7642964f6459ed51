package io.entrascim.sink.core;

import io.entrascim.contracts.ObjectType;
import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.StepType;
import io.entrascim.contracts.Topics;
import io.entrascim.sink.scim.ErrorClass;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sink's escrows (Entra's word for failed entries it retries later): parked group members and
 * manager references. They are normally applied as soon as the object they wait for is created or
 * linked; {@link #retryNow()} ({@code POST /api/restart?scope=escrows}) tries every one of them at once.
 * <p>
 * Per parked reference: <b>resolved</b> when both ends now have a target id and the PATCH succeeded;
 * <b>dropped</b> when an end still has no target id (the sink never created or matched it: out of scope,
 * deleted, or never provisioned) and it has been parked longer than {@code maxAge} (default 28 days,
 * Entra's escrow lifetime), audited as a SKIPPED result {@code UnresolvedReferenceDropped}; otherwise
 * <b>still parked</b> (including a PATCH that failed: it is tried again later).
 */
public final class Escrows {

    private static final Logger log = LoggerFactory.getLogger(Escrows.class);

    /** Counts of one retry; {@code retried} = every parked reference examined. */
    public record Report(int retried, int resolved, int stillParked, int dropped) {
    }

    private final Reconciler reconciler;
    private final ParkedMembers members;
    private final ParkedManagers managers;
    private final LinkStore links;
    private final Publisher publisher;
    private final Results results;
    private final SinkEvents events;
    private final Duration maxAge;
    private final Clock clock;

    public Escrows(Reconciler reconciler, ParkedMembers members, ParkedManagers managers, LinkStore links,
                   Publisher publisher, Results results, SinkEvents events, Duration maxAge, Clock clock) {
        this.reconciler = reconciler;
        this.members = members;
        this.managers = managers;
        this.links = links;
        this.publisher = publisher;
        this.results = results;
        this.events = events;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Tries every parked reference now; one at a time (a second call waits for the first). */
    public synchronized Report retryNow() {
        Instant now = clock.instant();
        int retried = 0;
        int resolved = 0;
        int still = 0;
        int dropped = 0;

        Map<String, List<ParkedMembers.Aged>> byGroup = new LinkedHashMap<>();
        for (ParkedMembers.Aged a : members.all()) {
            byGroup.computeIfAbsent(a.parked().groupSourceId(), g -> new ArrayList<>()).add(a);
        }
        for (Map.Entry<String, List<ParkedMembers.Aged>> e : byGroup.entrySet()) {
            retried += e.getValue().size();
            if (links.targetId(e.getKey()).isPresent()) {
                for (Outcome o : reconciler.resolveParked(e.getKey())) {
                    publish(ObjectType.GROUP, o);
                }
            }
            for (ParkedMembers.Aged a : e.getValue()) {
                ParkedMembers.Parked p = a.parked();
                if (!stillParked(p)) {
                    resolved++;
                } else if (expired(a.parkedAt(), now) && unlinked(p.groupSourceId(), p.memberSourceId())) {
                    members.remove(p.groupSourceId(), p.memberSourceId());
                    publish(ObjectType.GROUP, dropped("ref:" + p.groupSourceId() + ":" + p.memberSourceId() + ":dropped",
                            p.groupSourceId(), "member", p.memberSourceId(), p.groupSourceId(), a.parkedAt(), p.changeId(),
                            p.cycleId()));
                    dropped++;
                } else {
                    still++;
                }
            }
        }

        for (ParkedManagers.Parked p : managers.all()) {
            retried++;
            var applied = reconciler.applyParkedManager(p, "mgr:" + p.userSourceId() + ":escrow");
            if (applied.isPresent()) {
                publish(ObjectType.USER, applied.get());
                resolved++;
            } else if (expired(p.parkedAt(), now) && unlinked(p.userSourceId(), p.managerSourceId())) {
                managers.remove(p.userSourceId(), p.managerSourceId());
                publish(ObjectType.USER, dropped("mgr:" + p.userSourceId() + ":" + p.managerSourceId() + ":dropped",
                        p.userSourceId(), "manager", p.managerSourceId(), p.userSourceId(), p.parkedAt(), p.changeId(),
                        p.cycleId()));
                dropped++;
            } else {
                still++;
            }
        }
        log.info("escrows retried: {} examined, {} resolved, {} still parked, {} dropped", retried, resolved, still, dropped);
        return new Report(retried, resolved, still, dropped);
    }

    private boolean stillParked(ParkedMembers.Parked p) {
        return members.involving(p.memberSourceId()).stream()
                .anyMatch(x -> x.groupSourceId().equals(p.groupSourceId()));
    }

    private boolean expired(Instant parkedAt, Instant now) {
        return parkedAt.plus(maxAge).isBefore(now);
    }

    private boolean unlinked(String holder, String referenced) {
        return links.targetId(holder).isEmpty() || links.targetId(referenced).isEmpty();
    }

    private Outcome dropped(String key, String sourceId, String what, String referenced, String holder, Instant parkedAt,
                            String changeId, String cycleId) {
        String missing = links.targetId(referenced).isEmpty() ? referenced : holder;
        String reason = "dropped from escrow: the " + what + " reference to " + referenced + " was parked at " + parkedAt
                + " (longer than " + maxAge + ") and " + missing + " still has no target id (never created or matched by "
                + "the sink: out of scope, deleted or never provisioned)";
        Trace t = new Trace();
        t.step("EntryReferenceResolution", StepType.REFERENCE_RESOLUTION, ProvisioningStatus.SKIPPED, reason,
                Map.of("parkedAt", parkedAt.toString(), "missing", missing));
        return t.done(key, ProvisioningAction.UPDATE, ProvisioningStatus.SKIPPED, sourceId, links.targetId(sourceId).orElse(null),
                null, new Outcome.Failure(ErrorClass.PERMANENT, "UnresolvedReferenceDropped", reason, null, null, null, 1,
                        parkedAt, Instant.now(), "Provision " + missing + " (or fix its scope), then re-send the change that "
                        + "referenced it"), changeId, cycleId);
    }

    private void publish(ObjectType type, Outcome o) {
        ProvisioningResult r = results.ofEscrow(type, o);
        publisher.send(new ProducerRecord<>(Topics.RESULTS, o.sourceId().getBytes(StandardCharsets.UTF_8), RecordCodec.write(r)));
        events.resultPublished(r);
    }
}
