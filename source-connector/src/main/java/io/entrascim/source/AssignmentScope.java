package io.entrascim.source;

import io.entrascim.contracts.AppRoleAssignmentFact;
import io.entrascim.contracts.AssignmentFacts;
import io.entrascim.contracts.MemberChange;
import io.entrascim.contracts.ObjectType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is assigned to the app, as Entra decides it: a user holding a direct app role assignment, or a direct member
 * of an assigned group; with {@code expandNested} also members of groups nested (at any depth) in an assigned group.
 * Tracks memberships of the assigned groups (and their nested groups when expanding) only. Every mutation returns
 * the users whose assignment facts may have changed, for whom the connector emits an event.
 */
final class AssignmentScope {

    /** Reads the current direct members of a group; null when the group does not exist. */
    interface MemberReader {
        List<MemberChange> members(String groupId);
    }

    private final boolean expandNested;
    private final Map<String, AppRoleAssignmentFact> assignments = new LinkedHashMap<>();
    private final Map<String, List<AppRoleAssignmentFact>> byPrincipal = new HashMap<>();
    private final Map<String, Set<String>> userMembers = new HashMap<>();
    private final Map<String, Set<String>> groupMembers = new HashMap<>();
    private final Map<String, Set<String>> userGroups = new HashMap<>();
    private final Map<String, Set<String>> groupParents = new HashMap<>();
    private boolean loaded;

    AssignmentScope(boolean expandNested) {
        this.expandNested = expandNested;
    }

    synchronized boolean loaded() {
        return loaded;
    }

    synchronized List<AppRoleAssignmentFact> assignments() {
        return List.copyOf(assignments.values());
    }

    synchronized void reset() {
        assignments.clear();
        byPrincipal.clear();
        userMembers.clear();
        groupMembers.clear();
        userGroups.clear();
        groupParents.clear();
        loaded = false;
    }

    /**
     * Replaces the assignment list. The first call establishes the baseline and returns nothing; later calls return
     * the users under every added or removed assignment.
     */
    synchronized Set<String> replaceAssignments(List<AppRoleAssignmentFact> now, MemberReader reader) {
        Map<String, AppRoleAssignmentFact> next = new LinkedHashMap<>();
        for (AppRoleAssignmentFact a : now) {
            if ("User".equals(a.principalType()) || "Group".equals(a.principalType())) {
                next.put(a.id(), a);
            }
        }
        Set<String> affected = new LinkedHashSet<>();
        List<AppRoleAssignmentFact> removed = new ArrayList<>();
        for (AppRoleAssignmentFact a : assignments.values()) {
            if (!next.containsKey(a.id())) {
                removed.add(a);
                affected.addAll(usersUnderPrincipal(a));
            }
        }
        List<AppRoleAssignmentFact> added = new ArrayList<>();
        for (AppRoleAssignmentFact a : next.values()) {
            if (!assignments.containsKey(a.id())) {
                added.add(a);
            }
        }
        assignments.clear();
        assignments.putAll(next);
        byPrincipal.clear();
        for (AppRoleAssignmentFact a : next.values()) {
            byPrincipal.computeIfAbsent(a.principalId(), k -> new ArrayList<>()).add(a);
        }
        for (AppRoleAssignmentFact a : added) {
            if ("Group".equals(a.principalType())) {
                track(a.principalId(), reader, new HashSet<>());
            }
            affected.addAll(usersUnderPrincipal(a));
        }
        for (AppRoleAssignmentFact a : removed) {
            if ("Group".equals(a.principalType()) && !byPrincipal.containsKey(a.principalId())) {
                untrackIfUnreachable(a.principalId());
            }
        }
        boolean baseline = !loaded;
        loaded = true;
        return baseline ? Set.of() : affected;
    }

    /**
     * Applies a group's {@code members@delta}. With {@code onlyActualChanges} (an initial round, which lists all
     * members) only users whose membership really changed are returned; otherwise every mentioned user is, because
     * the tracked memberships may have been re-read after the change happened (restart).
     */
    synchronized Set<String> applyMemberChanges(String groupId, List<MemberChange> changes, MemberReader reader,
                                                boolean onlyActualChanges) {
        if (!userMembers.containsKey(groupId)) {
            return Set.of();
        }
        Set<String> affected = new LinkedHashSet<>();
        for (MemberChange c : changes) {
            if (c.memberType() == ObjectType.GROUP) {
                if (!expandNested) {
                    continue;
                }
                Set<String> children = groupMembers.get(groupId);
                boolean changed = c.removed() ? children.remove(c.memberId()) : children.add(c.memberId());
                if (c.removed()) {
                    Set<String> parents = groupParents.get(c.memberId());
                    if (parents != null) {
                        parents.remove(groupId);
                    }
                    if (changed || !onlyActualChanges) {
                        affected.addAll(usersUnderGroup(c.memberId()));
                    }
                    untrackIfUnreachable(c.memberId());
                } else {
                    groupParents.computeIfAbsent(c.memberId(), k -> new HashSet<>()).add(groupId);
                    track(c.memberId(), reader, new HashSet<>());
                    if (changed || !onlyActualChanges) {
                        affected.addAll(usersUnderGroup(c.memberId()));
                    }
                }
                continue;
            }
            Set<String> users = userMembers.get(groupId);
            boolean changed;
            if (c.removed()) {
                changed = users.remove(c.memberId());
                Set<String> gs = userGroups.get(c.memberId());
                if (gs != null) {
                    gs.remove(groupId);
                    if (gs.isEmpty()) {
                        userGroups.remove(c.memberId());
                    }
                }
            } else {
                changed = users.add(c.memberId());
                userGroups.computeIfAbsent(c.memberId(), k -> new HashSet<>()).add(groupId);
            }
            if (changed || !onlyActualChanges) {
                affected.add(c.memberId());
            }
        }
        return affected;
    }

    /** A group was deleted: its assignments go with it (as in Entra); returns the users that were under it. */
    synchronized Set<String> groupDeleted(String groupId) {
        Set<String> affected = new LinkedHashSet<>(userMembers.containsKey(groupId) ? usersUnderGroup(groupId) : Set.of());
        assignments.values().removeIf(a -> a.principalId().equals(groupId));
        byPrincipal.remove(groupId);
        untrack(groupId);
        return affected;
    }

    /** A user was permanently deleted: forget its memberships and assignments. */
    synchronized void userDeleted(String userId) {
        Set<String> gs = userGroups.remove(userId);
        if (gs != null) {
            for (String g : gs) {
                Set<String> users = userMembers.get(g);
                if (users != null) {
                    users.remove(userId);
                }
            }
        }
        assignments.values().removeIf(a -> a.principalId().equals(userId));
        byPrincipal.remove(userId);
    }

    synchronized AssignmentFacts factsForUser(String userId) {
        List<AppRoleAssignmentFact> facts = new ArrayList<>(byPrincipal.getOrDefault(userId, List.of()));
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(userGroups.getOrDefault(userId, Set.of()));
        while (!todo.isEmpty()) {
            String g = todo.pop();
            if (!seen.add(g)) {
                continue;
            }
            facts.addAll(byPrincipal.getOrDefault(g, List.of()));
            if (expandNested) {
                todo.addAll(groupParents.getOrDefault(g, Set.of()));
            }
        }
        return AssignmentFacts.assigned(facts);
    }

    synchronized AssignmentFacts factsForGroup(String groupId) {
        return AssignmentFacts.assigned(byPrincipal.getOrDefault(groupId, List.of()));
    }

    synchronized boolean tracks(String groupId) {
        return userMembers.containsKey(groupId);
    }

    private Set<String> usersUnderPrincipal(AppRoleAssignmentFact a) {
        return "User".equals(a.principalType()) ? Set.of(a.principalId()) : usersUnderGroup(a.principalId());
    }

    private Set<String> usersUnderGroup(String groupId) {
        Set<String> out = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(groupId));
        while (!todo.isEmpty()) {
            String g = todo.pop();
            if (!seen.add(g)) {
                continue;
            }
            out.addAll(userMembers.getOrDefault(g, Set.of()));
            if (expandNested) {
                todo.addAll(groupMembers.getOrDefault(g, Set.of()));
            }
        }
        return out;
    }

    private void track(String groupId, MemberReader reader, Set<String> visiting) {
        if (userMembers.containsKey(groupId) || !visiting.add(groupId)) {
            return;
        }
        List<MemberChange> members = reader.members(groupId);
        Set<String> users = new HashSet<>();
        Set<String> groups = new HashSet<>();
        userMembers.put(groupId, users);
        groupMembers.put(groupId, groups);
        if (members == null) {
            return;
        }
        for (MemberChange m : members) {
            if (m.memberType() == ObjectType.GROUP) {
                if (expandNested) {
                    groups.add(m.memberId());
                    groupParents.computeIfAbsent(m.memberId(), k -> new HashSet<>()).add(groupId);
                    track(m.memberId(), reader, visiting);
                }
            } else {
                users.add(m.memberId());
                userGroups.computeIfAbsent(m.memberId(), k -> new HashSet<>()).add(groupId);
            }
        }
    }

    /** Drops a group's tracked memberships unless it is assigned or (expanding) still nested in a tracked group. */
    private void untrackIfUnreachable(String groupId) {
        if (byPrincipal.containsKey(groupId)) {
            return;
        }
        Set<String> parents = groupParents.get(groupId);
        if (expandNested && parents != null && !parents.isEmpty()) {
            return;
        }
        Set<String> children = groupMembers.getOrDefault(groupId, Set.of());
        untrack(groupId);
        for (String c : children) {
            Set<String> ps = groupParents.get(c);
            if (ps != null) {
                ps.remove(groupId);
            }
            untrackIfUnreachable(c);
        }
    }

    private void untrack(String groupId) {
        Set<String> users = userMembers.remove(groupId);
        groupMembers.remove(groupId);
        groupParents.remove(groupId);
        if (users != null) {
            for (String u : users) {
                Set<String> gs = userGroups.get(u);
                if (gs != null) {
                    gs.remove(groupId);
                    if (gs.isEmpty()) {
                        userGroups.remove(u);
                    }
                }
            }
        }
    }
}
