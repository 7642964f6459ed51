package io.entrascim.source;

import io.entrascim.contracts.AppRoleAssignmentFact;
import io.entrascim.contracts.AssignmentFacts;
import io.entrascim.contracts.ChangeEvent;
import io.entrascim.contracts.ChangeKind;
import io.entrascim.contracts.CycleMarker;
import io.entrascim.contracts.CycleOrigin;
import io.entrascim.contracts.MemberChange;
import io.entrascim.contracts.ObjectType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change source: runs initial and incremental cycles over Graph users/groups delta, publishes one event per
 * object per page, waits for Kafka's acks, then advances and persists the delta checkpoint. A crash therefore
 * resumes from the last acknowledged page under the same cycle id; a lost sync state (410) restarts as a full
 * (initial) cycle. With {@code sync-scope=assigned} it also follows the app's assignments and emits an event for
 * every user entering or leaving scope.
 */
final class SyncEngine {

    private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);

    /** Outcome of one {@link #runCycle()} call. */
    record CycleReport(String cycleId, CycleOrigin origin, String outcome, long emittedEvents, long pagesRead,
                       int resyncs, Instant finishedAt, Duration duration, String error) {
    }

    private final SourceProperties props;
    private final GraphClient graph;
    private final ChangePublisher publisher;
    private final CheckpointStore checkpoints;
    private final SnapshotStore users;
    private final SnapshotStore groups;
    private final Set<String> softDeleted = ConcurrentHashMap.newKeySet();
    private final AssignmentScope scope;
    private final DeltaTranslator translator;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final String selectKey;
    private final PagePrefetcher prefetcher;
    private volatile boolean paused;
    /** The persisted pause is read once, lazily, so building an engine does no I/O. */
    private volatile boolean pauseLoaded;
    private volatile CycleReport lastCompleted;
    private volatile boolean stopRequested;
    private volatile Checkpoint checkpoint;
    private volatile CycleReport lastReport;
    private volatile String currentCycle;
    private volatile long liveEmitted;
    private volatile long livePages;
    private volatile java.util.concurrent.CompletableFuture<?> pendingSave;
    /** Pages sent but not yet acknowledged: hides the broker's ack latency behind reading and translating. */
    private static final int PAGES_IN_FLIGHT = 3;
    private final long[] nanos = new long[3];
    private static final String[] PHASES = {"graph wait", "translate", "ack wait"};

    SyncEngine(SourceProperties props, GraphClient graph, ChangePublisher publisher, CheckpointStore checkpoints, Clock clock) {
        this.props = props;
        this.graph = graph;
        this.publisher = publisher;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.users = new SnapshotStore();
        this.groups = new SnapshotStore();
        this.scope = new AssignmentScope(props.expandNestedGroups());
        this.selectKey = "users:" + String.join(",", props.graph().userAttributes())
                + ";groups:" + String.join(",", props.graph().groupAttributes());
        this.prefetcher = new PagePrefetcher(graph::delta);
        this.translator = new DeltaTranslator(users, groups, softDeleted, props.graph().userAttributes(),
                props.graph().groupAttributes(), props.graph().preferMinimal(), graph::user, graph::group);
    }

    private boolean scoped() {
        return props.syncScope() == SourceProperties.SyncScope.ASSIGNED;
    }

    // ---------------------------------------------------------------- cycles

    /** Runs one cycle (or resumes the interrupted one). Returns null when paused. */
    CycleReport runCycle() {
        if (paused()) {
            return null;
        }
        lock.lock();
        try {
            stopRequested = false;
            return cycle(true);
        } finally {
            currentCycle = null;
            lock.unlock();
        }
    }

    private CycleReport cycle(boolean mayResync) {
        Checkpoint cp = loadCheckpoint();
        CycleOrigin origin;
        String cycleId;
        if (cp.inProgress()) {
            cycleId = cp.cycleId();
            origin = cp.origin();
            log.info("resuming {} cycle {} at {} after {} pages", origin, cycleId, cp.phase(), cp.pagesRead());
            publisher.marker(marker(cycleId, origin, CycleMarker.Phase.PROGRESS, cp.emittedEvents(), cp.pagesRead(),
                    "resumed after interruption at " + cp.phase().name().toLowerCase() + " page " + cp.pagesRead()));
        } else {
            cycleId = UUID.randomUUID().toString();
            origin = cp.usersLink() == null ? CycleOrigin.INITIAL : CycleOrigin.INCREMENTAL;
            cp = cp.startCycle(cycleId, origin, origin == CycleOrigin.INITIAL ? expectedObjects() : -1, clock.instant());
            save(cp);
            publisher.marker(marker(cycleId, origin, CycleMarker.Phase.STARTED, 0, 0, null));
        }
        currentCycle = cycleId;
        Instant started = clock.instant();
        int resyncs = 0;
        try {
            scopeBaseline(cp);
            cp = readUsers(cp);
            cp = readGroups(cp);
            if (!cp.inProgress()) {
                // After the deltas, so deletions seen in them are known before assignment changes are evaluated.
                cp = refreshScope(cp);
            }
            if (cp.inProgress()) {
                CycleReport r = report(cp, "PAUSED", resyncs, started, null);
                lastReport = r;
                return r;
            }
            publisher.marker(new CycleMarker(CycleMarker.VERSION, cycleId, origin, CycleMarker.Phase.COMPLETED,
                    clock.instant(), cp.expectedObjects(), cp.emittedEvents(), cp.pagesRead(), null));
            CycleReport r = report(cp, "COMPLETED", resyncs, started, null);
            lastReport = r;
            lastCompleted = r;
            log.info("{} cycle {} completed: {} events from {} pages in {} ms ({})", origin, cycleId, cp.emittedEvents(),
                    cp.pagesRead(), r.duration().toMillis(), timings());
            return r;
        } catch (SyncStateLostException e) {
            log.warn("cycle {}: {}; starting a full resync", cycleId, e.getMessage());
            publisher.marker(marker(cycleId, origin, CycleMarker.Phase.FAILED, checkpoint.emittedEvents(),
                    checkpoint.pagesRead(), "sync state lost (" + e.status() + " " + e.code() + "): full resync"));
            save(checkpoint.cleared(selectKey, clock.instant()));
            if (!mayResync) {
                throw e;
            }
            CycleReport r = cycle(false);
            return new CycleReport(r.cycleId(), r.origin(), r.outcome(), r.emittedEvents(), r.pagesRead(),
                    r.resyncs() + 1, r.finishedAt(), r.duration(), r.error());
        } catch (RuntimeException e) {
            log.error("cycle {} failed at {} (will resume from the last acknowledged page): {}", cycleId,
                    checkpoint.phase(), e.getMessage());
            try {
                publisher.marker(marker(cycleId, origin, CycleMarker.Phase.FAILED, checkpoint.emittedEvents(),
                        checkpoint.pagesRead(), e.getMessage()));
            } catch (RuntimeException markerFailure) {
                log.warn("could not publish the FAILED marker: {}", markerFailure.getMessage());
            }
            CycleReport r = report(checkpoint, "FAILED", resyncs, started, e.getMessage());
            lastReport = r;
            return r;
        }
    }

    private Checkpoint loadCheckpoint() {
        if (checkpoint == null) {
            Checkpoint loaded = checkpoints.load();
            checkpoint = loaded == null ? Checkpoint.empty(selectKey) : loaded;
            if (loaded != null) {
                log.info("loaded checkpoint: phase {}, cycle {}", loaded.phase(), loaded.cycleId());
            }
        }
        if (checkpoint.usersLink() != null && !selectKey.equals(checkpoint.selectKey())) {
            log.warn("the selected attributes changed since the last cycle: full resync");
            save(checkpoint.cleared(selectKey, clock.instant()));
        }
        return checkpoint;
    }

    private void save(Checkpoint cp) {
        awaitPendingSave();
        checkpoints.save(cp);
        checkpoint = cp;
        liveEmitted = cp.emittedEvents();
        livePages = cp.pagesRead();
    }

    /** Writes the checkpoint without waiting; the next save (or the end of the round) waits for it. */
    private void saveAsync(Checkpoint cp) {
        awaitPendingSave();
        pendingSave = checkpoints.saveAsync(cp);
        checkpoint = cp;
        liveEmitted = cp.emittedEvents();
        livePages = cp.pagesRead();
        if (cp.pagesRead() % props.progressEveryPages() == 0) {
            progress(cp);
        }
    }

    private void awaitPendingSave() {
        java.util.concurrent.CompletableFuture<?> p = pendingSave;
        pendingSave = null;
        if (p != null) {
            try {
                p.get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while saving the checkpoint", e);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("checkpoint not acknowledged by Kafka: " + e.getMessage(), e);
            }
        }
    }

    private Checkpoint readUsers(Checkpoint cp) {
        return readRound(cp, Checkpoint.Phase.USERS);
    }

    private Checkpoint readGroups(Checkpoint cp) {
        return readRound(cp, Checkpoint.Phase.GROUPS);
    }

    /**
     * Reads one delta round page by page. Pipelined: page N+1 is fetched, translated and sent while page N's acks
     * are in flight, and page N's checkpoint is written only once all of page N's events are acknowledged. A crash
     * thus replays at most the pages not yet checkpointed, with the same (deterministic) event ids.
     */
    private Checkpoint readRound(Checkpoint cp, Checkpoint.Phase phase) {
        boolean groupsRound = phase == Checkpoint.Phase.GROUPS;
        long emitted = cp.emittedEvents();
        long pages = cp.pagesRead();
        java.util.ArrayDeque<InFlightPage> inFlight = new java.util.ArrayDeque<>();
        try {
            while (cp.phase() == phase && !paused && !stopRequested) {
                String stored = groupsRound ? cp.groupsLink() : cp.usersLink();
                String link = stored != null ? stored : groupsRound ? graph.groupsDeltaUrl() : graph.usersDeltaUrl();
                long t0 = System.nanoTime();
                GraphClient.DeltaPage page = prefetcher.take(link);
                if (page.nextLink() != null) {
                    prefetcher.start(page.nextLink());
                }
                long t1 = System.nanoTime();
                DeltaTranslator.Context ctx = new DeltaTranslator.Context(cp.cycleId(), cp.origin(), clock.instant(), link);
                List<ChangeEvent> events = groupsRound ? groupEvents(page, ctx) : userEvents(page, ctx);
                long t2 = System.nanoTime();
                emitted += events.size();
                pages++;
                boolean done = page.nextLink() == null;
                String next = done ? page.deltaLink() : page.nextLink();
                cp = groupsRound ? cp.groupsAt(next, done, emitted, pages, clock.instant())
                        : cp.usersAt(next, done, emitted, pages, clock.instant());
                if (groupsRound && scoped()) {
                    cp = cp.withAssignments(scope.assignments(), clock.instant());
                }
                inFlight.add(new InFlightPage(publisher.sendAsync(events), cp));
                // Pages are acknowledged and checkpointed strictly in order, each only after its own acks.
                while (inFlight.size() > PAGES_IN_FLIGHT) {
                    InFlightPage oldest = inFlight.poll();
                    ChangePublisher.await(oldest.acks());
                    saveAsync(oldest.checkpoint());
                }
                long t3 = System.nanoTime();
                time(t0, t1, t2, t3);
            }
        } finally {
            prefetcher.cancel();
            // Also on failure: what was sent and acknowledged is checkpointed, so a resume does not repeat it.
            long t3 = System.nanoTime();
            InFlightPage last = null;
            while (!inFlight.isEmpty()) {
                last = inFlight.poll();
                ChangePublisher.await(last.acks());
                if (!inFlight.isEmpty()) {
                    saveAsync(last.checkpoint());
                }
            }
            if (last != null) {
                save(last.checkpoint());
                progress(last.checkpoint());
            }
            nanos[2] += System.nanoTime() - t3;
        }
        return cp;
    }

    /** A page whose events were handed to the publisher, and the checkpoint to write once they are acknowledged. */
    private record InFlightPage(java.util.concurrent.CompletableFuture<ChangePublisher.Pending> acks, Checkpoint checkpoint) {
    }

    private List<ChangeEvent> userEvents(GraphClient.DeltaPage page, DeltaTranslator.Context ctx) {
        List<ChangeEvent> events = new ArrayList<>(page.value().size());
        int i = 0;
        for (Map<String, Object> obj : page.value()) {
            ChangeEvent e = translator.user(obj, ctx, i++, this::userFacts);
            if (e.kind() == ChangeKind.HARD_DELETE && scoped()) {
                scope.userDeleted(e.objectId());
            }
            events.add(e);
        }
        return events;
    }

    private List<ChangeEvent> groupEvents(GraphClient.DeltaPage page, DeltaTranslator.Context ctx) {
        List<ChangeEvent> events = new ArrayList<>(page.value().size());
        int i = 0;
        for (Map<String, Object> obj : page.value()) {
            String id = String.valueOf(obj.get("id"));
            ChangeEvent e = translator.group(obj, ctx, i++, scoped() ? scope.factsForGroup(id) : AssignmentFacts.notEvaluated());
            events.add(e);
            if (scoped()) {
                Set<String> affected = switch (e.kind()) {
                    case HARD_DELETE, SOFT_DELETE -> scope.groupDeleted(id);
                    default -> scope.applyMemberChanges(id, e.memberChanges(), this::readMembers,
                            ctx.origin() == CycleOrigin.INITIAL);
                };
                addScopeEvents(events, affected, ctx, "members:" + id + ":" + i);
            }
        }
        return events;
    }

    /**
     * Before the first cycle of this process: the scope to evaluate events against and to diff later changes with,
     * from the persisted assignments (so changes made while the connector was down are noticed) or, on first start,
     * from Graph.
     */
    private void scopeBaseline(Checkpoint cp) {
        if (!scoped() || scope.loaded()) {
            return;
        }
        scope.replaceAssignments(cp.assignments().isEmpty() ? readAssignments() : cp.assignments(), this::readMembers);
    }

    /** Re-reads appRoleAssignedTo and emits an event for each user whose assignment changed. */
    private Checkpoint refreshScope(Checkpoint cp) {
        if (!scoped()) {
            return cp;
        }
        Set<String> affected = scope.replaceAssignments(readAssignments(), this::readMembers);
        if (!affected.isEmpty()) {
            DeltaTranslator.Context ctx = new DeltaTranslator.Context(cp.cycleId(), cp.origin(), clock.instant(),
                    "assignments:" + cp.pagesRead());
            List<ChangeEvent> events = new ArrayList<>();
            addScopeEvents(events, affected, ctx, "assignments");
            publisher.publish(events);
            log.info("cycle {}: assignments changed, {} users re-evaluated", cp.cycleId(), events.size());
            cp = cp.plusEmitted(events.size(), clock.instant());
        }
        cp = cp.withAssignments(scope.assignments(), clock.instant());
        save(cp);
        return cp;
    }

    private void addScopeEvents(List<ChangeEvent> events, Set<String> userIds, DeltaTranslator.Context ctx, String why) {
        for (String u : userIds) {
            String eventId = UUID.nameUUIDFromBytes((ctx.cycleId() + "|" + ctx.pageKey() + "|" + why + "|" + u)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
            ChangeEvent e = translator.userSnapshot(u, eventId, ctx, scope.factsForUser(u));
            if (e != null) {
                events.add(e);
            }
        }
    }

    private AssignmentFacts userFacts(String userId) {
        return scoped() ? scope.factsForUser(userId) : AssignmentFacts.notEvaluated();
    }

    private List<AppRoleAssignmentFact> readAssignments() {
        List<AppRoleAssignmentFact> out = new ArrayList<>();
        for (Map<String, Object> a : graph.appRoleAssignedTo(props.servicePrincipalId())) {
            if (a.get("deletedDateTime") != null) {
                continue;
            }
            out.add(new AppRoleAssignmentFact(str(a.get("id")), str(a.get("appRoleId")), null, null,
                    str(a.get("principalId")), str(a.get("principalType"))));
        }
        return out;
    }

    private List<MemberChange> readMembers(String groupId) {
        List<Map<String, Object>> members = graph.groupMembers(groupId);
        if (members == null) {
            return null;
        }
        List<MemberChange> out = new ArrayList<>(members.size());
        for (Map<String, Object> m : members) {
            out.add(new MemberChange(str(m.get("id")), DeltaTranslator.typeOf(m.get("@odata.type")), false));
        }
        return out;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private void time(long t0, long t1, long t2, long t3) {
        nanos[0] += t1 - t0;
        nanos[1] += t2 - t1;
        nanos[2] += t3 - t2;
    }

    /** Where the cycle's time went, for the completion log line; resets the counters. */
    private String timings() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < nanos.length; i++) {
            b.append(i == 0 ? "" : ", ").append(PHASES[i]).append(' ').append(nanos[i] / 1_000_000).append(" ms");
            nanos[i] = 0;
        }
        return b.toString();
    }

    private void progress(Checkpoint cp) {
        if (cp.pagesRead() % props.progressEveryPages() == 0) {
            publisher.markerAsync(marker(cp.cycleId(), cp.origin(), CycleMarker.Phase.PROGRESS, cp.emittedEvents(),
                    cp.pagesRead(), null));
        }
    }

    private CycleMarker marker(String cycleId, CycleOrigin origin, CycleMarker.Phase phase, long emitted, long pages,
                               String detail) {
        Checkpoint cp = checkpoint;
        long expected = cp != null && cycleId.equals(cp.cycleId()) ? cp.expectedObjects() : -1;
        return new CycleMarker(CycleMarker.VERSION, cycleId, origin, phase, clock.instant(), expected, emitted, pages, detail);
    }

    /** Users + groups in the tenant, so downstream can show the initial cycle's percentage; -1 when unknown. */
    private long expectedObjects() {
        long users = graph.count("users");
        long groups = users < 0 ? -1 : graph.count("groups");
        return users < 0 || groups < 0 ? -1 : users + groups;
    }

    private CycleReport report(Checkpoint cp, String outcome, int resyncs, Instant started, String error) {
        Instant now = clock.instant();
        return new CycleReport(cp.cycleId(), cp.origin(), outcome, cp.emittedEvents(), cp.pagesRead(), resyncs, now,
                Duration.between(started, now), error);
    }

    // ---------------------------------------------------------------- operator actions

    /**
     * Clears the watermark so the next cycle is an initial one; {@code full} also forgets every known snapshot and
     * the assignment scope. Waits for a running cycle to stop at its next page boundary.
     */
    void restart(boolean full) {
        stopRequested = true;
        lock.lock();
        try {
            Checkpoint cp = loadCheckpoint();
            save(cp.cleared(selectKey, clock.instant()));
            if (full) {
                users.clear();
                groups.clear();
                softDeleted.clear();
                scope.reset();
            }
            log.info("restart ({}): the next cycle is an initial cycle", full ? "full" : "watermark");
        } finally {
            stopRequested = false;
            lock.unlock();
        }
    }

    /**
     * Stops cycles at the next page boundary (the checkpoint keeps the place) and persists the pause, so a restarted
     * connector stays paused. The in-memory pause holds even when Kafka cannot persist it: returns false then.
     */
    boolean pause() {
        return setPaused(true);
    }

    /** Lifts the pause (also the persisted one); the next cycle continues from the checkpoint. */
    boolean resume() {
        return setPaused(false);
    }

    /** Stops the running cycle at the next page boundary without touching the operator's (persisted) pause. */
    void stopForShutdown() {
        paused = true;
        pauseLoaded = true;
    }

    private boolean setPaused(boolean p) {
        synchronized (this) {
            paused = p;
            pauseLoaded = true;
        }
        try {
            checkpoints.savePaused(p);
            log.info("connector {}", p ? "paused (persisted)" : "resumed");
            return true;
        } catch (RuntimeException e) {
            log.warn("connector {} in memory only, the state could not be persisted: {}", p ? "paused" : "resumed",
                    e.getMessage());
            return false;
        }
    }

    boolean paused() {
        if (!pauseLoaded) {
            synchronized (this) {
                if (!pauseLoaded) {
                    paused = checkpoints.loadPaused();
                    pauseLoaded = true;
                    if (paused) {
                        log.info("connector is paused (persisted by an operator before the restart): POST /api/resume");
                    }
                }
            }
        }
        return paused;
    }

    /** Reads one user (by id or UPN) or group (by id) from Graph now and publishes it at once. Null when absent. */
    ChangeEvent provisionOnDemand(String id, String userPrincipalName) {
        String cycleId = "on-demand-" + UUID.randomUUID();
        DeltaTranslator.Context ctx = new DeltaTranslator.Context(cycleId, CycleOrigin.ON_DEMAND, clock.instant(), "on-demand");
        Map<String, Object> user = id != null ? graph.user(id) : graph.userByUpn(userPrincipalName);
        ChangeEvent event;
        if (user != null) {
            String uid = String.valueOf(user.get("id"));
            event = translator.fromRead(ObjectType.USER, user, List.of(), UUID.randomUUID().toString(), ctx,
                    currentUserFacts(uid));
        } else if (id != null) {
            Map<String, Object> group = graph.group(id);
            if (group == null) {
                return null;
            }
            List<MemberChange> members = props.graph().groupAttributes().contains("members") ? readMembers(id) : List.of();
            event = translator.fromRead(ObjectType.GROUP, group, members == null ? List.of() : members,
                    UUID.randomUUID().toString(), ctx, scoped() ? currentScope().factsForGroup(id) : AssignmentFacts.notEvaluated());
        } else {
            return null;
        }
        publisher.marker(marker(cycleId, CycleOrigin.ON_DEMAND, CycleMarker.Phase.STARTED, 0, 0, null));
        publisher.publish(List.of(event));
        publisher.marker(new CycleMarker(CycleMarker.VERSION, cycleId, CycleOrigin.ON_DEMAND,
                CycleMarker.Phase.COMPLETED, clock.instant(), 1, 1, 0, null));
        return event;
    }

    /**
     * On demand, like Entra's, evaluates the assignments as they are in Graph now (an assignment made a second ago
     * counts). It reads them into a scope of its own: updating the cycle's scope here would hide this assignment
     * change, and any other made meanwhile, from the next cycle's diff, so those users would never be re-evaluated.
     */
    private AssignmentScope currentScope() {
        AssignmentScope now = new AssignmentScope(props.expandNestedGroups());
        now.replaceAssignments(readAssignments(), this::readMembers);
        return now;
    }

    private AssignmentFacts currentUserFacts(String userId) {
        return scoped() ? currentScope().factsForUser(userId) : AssignmentFacts.notEvaluated();
    }

    /** A snapshot for {@code GET /api/status}. */
    Map<String, Object> status() {
        Checkpoint cp = checkpoint;
        Map<String, Object> s = new java.util.LinkedHashMap<>();
        s.put("paused", paused());
        s.put("running", currentCycle != null);
        s.put("currentCycleId", currentCycle);
        s.put("phase", cp == null ? null : cp.phase().name());
        s.put("currentOrigin", cp == null || !cp.inProgress() ? null : cp.origin());
        s.put("emittedInCycle", liveEmitted);
        s.put("pagesInCycle", livePages);
        s.put("hasWatermark", cp != null && cp.usersLink() != null && cp.groupsLink() != null);
        s.put("syncScope", props.syncScope().name().toLowerCase());
        s.put("assignments", scope.assignments().size());
        s.put("knownUsers", users.size());
        s.put("knownGroups", groups.size());
        s.put("graphRequests", graph.requestCount());
        s.put("graphRetries", graph.retryCount());
        s.put("lastCycle", lastReport);
        return s;
    }

    CycleReport lastReport() {
        return lastReport;
    }

    /** The last cycle that COMPLETED in this process, or null. */
    CycleReport lastCompleted() {
        return lastCompleted;
    }

    /** The running cycle's origin, or null when no cycle runs. */
    CycleOrigin runningOrigin() {
        Checkpoint cp = checkpoint;
        return currentCycle == null || cp == null || !cp.inProgress() ? null : cp.origin();
    }

    /** Events acknowledged so far in the running (or last) cycle. */
    long emittedInCycle() {
        return liveEmitted;
    }

    /** Users + groups Graph counted at the start of the running or last initial cycle; -1 when unknown. */
    long expectedInCycle() {
        Checkpoint cp = checkpoint;
        return cp == null ? -1 : cp.expectedObjects();
    }

    String checkpointKey() {
        return props.effectiveCheckpointKey();
    }

    /** For tests: the users the connector would now consider assigned. */
    AssignmentFacts factsFor(String userId) {
        return scope.factsForUser(userId);
    }
}
