package io.entrascim.source;

import io.entrascim.contracts.AppRoleAssignmentFact;
import io.entrascim.contracts.CycleOrigin;
import java.time.Instant;
import java.util.List;

/**
 * Where the connector stands, persisted after every acknowledged page. {@code usersLink}/{@code groupsLink} are
 * the next URL to read: a nextLink while a round is under way, the deltaLink once it is complete, null before the
 * first round. {@code phase} IDLE = no cycle in progress; USERS / GROUPS = a cycle was interrupted there and is
 * resumed from that link, under the same cycle id.
 *
 * @param selectKey   the $select the links were issued for; a different one forces a full resync
 * @param assignments the app's assignments at the last refresh (to diff against after a restart)
 * @param expectedObjects users + groups Graph counted at the start of an initial cycle, -1 when unknown
 */
record Checkpoint(
        int version,
        String cycleId,
        CycleOrigin origin,
        Phase phase,
        String usersLink,
        String groupsLink,
        String selectKey,
        List<AppRoleAssignmentFact> assignments,
        long expectedObjects,
        long emittedEvents,
        long pagesRead,
        Instant cycleStartedAt,
        Instant updatedAt) {

    static final int VERSION = 1;

    enum Phase { USERS, GROUPS, IDLE }

    Checkpoint {
        assignments = assignments == null ? List.of() : List.copyOf(assignments);
        phase = phase == null ? Phase.IDLE : phase;
    }

    static Checkpoint empty(String selectKey) {
        return new Checkpoint(VERSION, null, null, Phase.IDLE, null, null, selectKey, List.of(), -1, 0, 0, null, null);
    }

    boolean inProgress() {
        return phase != Phase.IDLE;
    }

    Checkpoint startCycle(String id, CycleOrigin o, long expected, Instant now) {
        return new Checkpoint(VERSION, id, o, Phase.USERS, usersLink, groupsLink, selectKey, assignments, expected, 0, 0,
                now, now);
    }

    Checkpoint usersAt(String link, boolean roundDone, long emitted, long pages, Instant now) {
        return new Checkpoint(VERSION, cycleId, origin, roundDone ? Phase.GROUPS : Phase.USERS, link, groupsLink,
                selectKey, assignments, expectedObjects, emitted, pages, cycleStartedAt, now);
    }

    Checkpoint groupsAt(String link, boolean roundDone, long emitted, long pages, Instant now) {
        return new Checkpoint(VERSION, cycleId, origin, roundDone ? Phase.IDLE : Phase.GROUPS, usersLink, link,
                selectKey, assignments, expectedObjects, emitted, pages, cycleStartedAt, now);
    }

    Checkpoint withAssignments(List<AppRoleAssignmentFact> a, Instant now) {
        return new Checkpoint(VERSION, cycleId, origin, phase, usersLink, groupsLink, selectKey, a, expectedObjects,
                emittedEvents, pagesRead, cycleStartedAt, now);
    }

    Checkpoint plusEmitted(long n, Instant now) {
        return new Checkpoint(VERSION, cycleId, origin, phase, usersLink, groupsLink, selectKey, assignments,
                expectedObjects, emittedEvents + n, pagesRead, cycleStartedAt, now);
    }

    /** No watermark: the next cycle is an initial one. Assignments are kept to diff scope changes. */
    Checkpoint cleared(String newSelectKey, Instant now) {
        return new Checkpoint(VERSION, null, null, Phase.IDLE, null, null, newSelectKey, assignments, -1, 0, 0, null, now);
    }
}
