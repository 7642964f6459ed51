package io.entrascim.testkit.graph;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The demo tenant's state and the Graph v1.0 delta semantics over it. Every mutation takes the next sequence
 * number; a delta round since sequence S returns each object whose last change is after S, in its current state.
 * All methods are synchronized: the demo favours obviously-correct over concurrent.
 */
final class Directory {

    static final String DEFAULT_ROLE = "00000000-0000-0000-0000-000000000000";
    static final List<String> DEFAULT_USER_SELECT = List.of("displayName", "givenName", "surname", "userPrincipalName",
            "mail", "mailNickname", "accountEnabled", "jobTitle", "department");
    static final List<String> DEFAULT_GROUP_SELECT = List.of("displayName", "description", "mailNickname",
            "securityEnabled", "members");

    record Assignment(String id, String appRoleId, String principalId, String principalType,
                      String principalDisplayName, Instant createdDateTime) {
    }

    private final List<DirectoryObject> users = new ArrayList<>();
    private final List<DirectoryObject> groups = new ArrayList<>();
    private final Map<String, DirectoryObject> byId = new HashMap<>();
    private final Map<String, DirectoryObject> byUpn = new HashMap<>();
    private final AttributeSlots userSlots = new AttributeSlots("userPrincipalName", "displayName", "givenName",
            "surname", "mail", "mailNickname", "accountEnabled");
    private final AttributeSlots groupSlots = new AttributeSlots("displayName", "description", "mailNickname",
            "securityEnabled", "mailEnabled");
    private final List<Assignment> assignments = new ArrayList<>();
    private final Random random;
    private long seq;
    private int epoch;

    Directory(long randomSeed) {
        this.random = new Random(randomSeed);
    }

    private String newId() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    // ---------------------------------------------------------------- mutations

    synchronized String createUser(Map<String, Object> attributes) {
        Object upn = attributes.get("userPrincipalName");
        if (!(upn instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("userPrincipalName is required");
        }
        if (byUpn.containsKey(s.toLowerCase(Locale.ROOT))) {
            throw new IllegalStateException("userPrincipalName already exists: " + s);
        }
        String id = attributes.get("id") instanceof String given && !given.isBlank() ? given : newId();
        if (byId.containsKey(id)) {
            throw new IllegalStateException("id already exists: " + id);
        }
        DirectoryObject u = new DirectoryObject(id, false, ++seq);
        attributes.forEach((k, v) -> {
            if (!k.equals("id")) {
                u.set(userSlots.slot(k), v, seq, false);
            }
        });
        if (u.get(userSlots.slot("accountEnabled")) == null) {
            u.set(userSlots.slot("accountEnabled"), Boolean.TRUE, seq, false);
        }
        users.add(u);
        byId.put(id, u);
        byUpn.put(s.toLowerCase(Locale.ROOT), u);
        return id;
    }

    synchronized void updateUser(String id, Map<String, Object> changes) {
        DirectoryObject u = live(id, false);
        ++seq;
        changes.forEach((k, v) -> {
            if (k.equals("id")) {
                return;
            }
            if (k.equals("userPrincipalName")) {
                if (!(v instanceof String s) || s.isBlank()) {
                    throw new IllegalArgumentException("userPrincipalName must be a non-blank string");
                }
                byUpn.remove(String.valueOf(u.get(userSlots.slot(k))).toLowerCase(Locale.ROOT));
                byUpn.put(s.toLowerCase(Locale.ROOT), u);
            }
            u.set(userSlots.slot(k), v, seq, true);
        });
        u.version = seq;
    }

    synchronized void softDeleteUser(String id) {
        DirectoryObject u = live(id, false);
        u.state = DirectoryObject.State.SOFT_DELETED;
        u.version = ++seq;
    }

    synchronized void restoreUser(String id) {
        DirectoryObject u = find(id, false);
        if (u.state != DirectoryObject.State.SOFT_DELETED) {
            throw new IllegalStateException("user is not soft-deleted: " + id);
        }
        u.state = DirectoryObject.State.ACTIVE;
        u.restoredSeq = ++seq;
        u.version = seq;
    }

    synchronized void hardDeleteUser(String id) {
        DirectoryObject u = find(id, false);
        if (u.state == DirectoryObject.State.HARD_DELETED) {
            throw new IllegalStateException("user already deleted: " + id);
        }
        removeEverywhere(u);
        byUpn.remove(String.valueOf(u.get(userSlots.slot("userPrincipalName"))).toLowerCase(Locale.ROOT));
        u.state = DirectoryObject.State.HARD_DELETED;
        u.values = new Object[0];
        u.changedAt = null;
        u.version = ++seq;
    }

    synchronized String createGroup(Map<String, Object> attributes) {
        Object name = attributes.get("displayName");
        if (!(name instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("displayName is required");
        }
        String id = attributes.get("id") instanceof String given && !given.isBlank() ? given : newId();
        if (byId.containsKey(id)) {
            throw new IllegalStateException("id already exists: " + id);
        }
        DirectoryObject g = new DirectoryObject(id, true, ++seq);
        attributes.forEach((k, v) -> {
            if (!k.equals("id")) {
                g.set(groupSlots.slot(k), v, seq, false);
            }
        });
        if (g.get(groupSlots.slot("securityEnabled")) == null) {
            g.set(groupSlots.slot("securityEnabled"), Boolean.TRUE, seq, false);
        }
        groups.add(g);
        byId.put(id, g);
        return id;
    }

    synchronized void updateGroup(String id, Map<String, Object> changes) {
        DirectoryObject g = live(id, true);
        ++seq;
        changes.forEach((k, v) -> {
            if (!k.equals("id") && !k.equals("members")) {
                g.set(groupSlots.slot(k), v, seq, true);
            }
        });
        g.version = seq;
    }

    synchronized void deleteGroup(String id) {
        DirectoryObject g = live(id, true);
        removeEverywhere(g);
        g.state = DirectoryObject.State.HARD_DELETED;
        g.members.clear();
        g.memberChanges = null;
        g.values = new Object[0];
        g.version = ++seq;
    }

    synchronized void addMember(String groupId, String memberId) {
        DirectoryObject g = live(groupId, true);
        DirectoryObject m = byId.get(memberId);
        if (m == null || m.state == DirectoryObject.State.HARD_DELETED) {
            throw new IllegalArgumentException("no such user or group: " + memberId);
        }
        if (m == g) {
            throw new IllegalArgumentException("a group cannot contain itself");
        }
        if (g.members.add(memberId)) {
            g.recordMemberChange(memberId, ++seq);
        }
    }

    synchronized void removeMember(String groupId, String memberId) {
        DirectoryObject g = live(groupId, true);
        if (!g.members.remove(memberId)) {
            throw new IllegalArgumentException(memberId + " is not a member of " + groupId);
        }
        g.recordMemberChange(memberId, ++seq);
    }

    synchronized Assignment assign(String principalId, String appRoleId) {
        DirectoryObject p = byId.get(principalId);
        if (p == null || p.state != DirectoryObject.State.ACTIVE) {
            throw new IllegalArgumentException("no such user or group: " + principalId);
        }
        String role = appRoleId == null ? DEFAULT_ROLE : appRoleId;
        for (Assignment a : assignments) {
            if (a.principalId().equals(principalId) && a.appRoleId().equals(role)) {
                return a;
            }
        }
        AttributeSlots slots = p.group ? groupSlots : userSlots;
        Assignment a = new Assignment(newId(), role, principalId, p.group ? "Group" : "User",
                (String) p.get(slots.slot("displayName")), Instant.now());
        assignments.add(a);
        return a;
    }

    /** Removes every assignment of the principal; false when it had none. */
    synchronized boolean unassign(String principalOrAssignmentId) {
        return assignments.removeIf(a -> a.principalId().equals(principalOrAssignmentId)
                || a.id().equals(principalOrAssignmentId));
    }

    synchronized void expireDeltaTokens() {
        epoch++;
    }

    private void removeEverywhere(DirectoryObject o) {
        assignments.removeIf(a -> a.principalId().equals(o.id));
        for (DirectoryObject g : groups) {
            if (g.state == DirectoryObject.State.ACTIVE && g.members.remove(o.id)) {
                g.recordMemberChange(o.id, ++seq);
            }
        }
    }

    private DirectoryObject find(String id, boolean group) {
        DirectoryObject o = byId.get(id);
        if (o == null || o.group != group) {
            throw new IllegalArgumentException("no such " + (group ? "group" : "user") + ": " + id);
        }
        return o;
    }

    private DirectoryObject live(String id, boolean group) {
        DirectoryObject o = find(id, group);
        if (o.state != DirectoryObject.State.ACTIVE) {
            throw new IllegalStateException((group ? "group" : "user") + " is deleted: " + id);
        }
        return o;
    }

    // ---------------------------------------------------------------- seeding

    synchronized List<String> seedUsers(int n) {
        List<String> ids = new ArrayList<>(n);
        int base = users.size();
        for (int i = 0; i < n; i++) {
            int k = base + i;
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("userPrincipalName", "user" + k + "@demo.entrascim.io");
            a.put("displayName", "Demo User " + k);
            a.put("givenName", "Demo");
            a.put("surname", "User" + k);
            a.put("mail", "user" + k + "@demo.entrascim.io");
            a.put("mailNickname", "user" + k);
            a.put("accountEnabled", Boolean.TRUE);
            ids.add(createUser(a));
        }
        return ids;
    }

    synchronized List<String> seedGroups(int n) {
        List<String> ids = new ArrayList<>(n);
        int base = groups.size();
        for (int i = 0; i < n; i++) {
            int k = base + i;
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("displayName", "Demo Group " + k);
            a.put("description", "Generated demo group " + k);
            a.put("mailNickname", "group" + k);
            a.put("securityEnabled", Boolean.TRUE);
            ids.add(createGroup(a));
        }
        return ids;
    }

    /** Spreads {@code count} memberships over the groups; the first group takes a fifth so it spans several pages. */
    synchronized void seedMemberships(List<String> userIds, List<String> groupIds, int count) {
        if (count == 0) {
            return;
        }
        int large = groupIds.size() > 1 ? Math.min(count / 5, userIds.size()) : Math.min(count, userIds.size());
        DirectoryObject first = byId.get(groupIds.get(0));
        for (int i = 0; i < large; i++) {
            first.members.add(userIds.get(i));
        }
        int rest = count - large;
        int others = groupIds.size() - 1;
        if (others == 0 || rest <= 0) {
            return;
        }
        int per = Math.max(1, rest / others);
        int u = 0;
        for (int gi = 1; gi <= others && rest > 0; gi++) {
            DirectoryObject g = byId.get(groupIds.get(gi));
            int want = gi == others ? rest : Math.min(per, rest);
            for (int j = 0; j < want && j < userIds.size(); j++) {
                if (g.members.add(userIds.get(u++ % userIds.size()))) {
                    rest--;
                }
            }
        }
    }

    // ---------------------------------------------------------------- reads

    synchronized Map<String, Object> userById(String idOrUpn, List<String> select) {
        DirectoryObject u = byId.get(idOrUpn);
        if (u == null) {
            u = byUpn.get(idOrUpn.toLowerCase(Locale.ROOT));
        }
        if (u == null || u.group || u.state != DirectoryObject.State.ACTIVE) {
            return null;
        }
        return render(u, -1, select, false);
    }

    synchronized List<Map<String, Object>> usersByUpn(String upn, List<String> select) {
        DirectoryObject u = byUpn.get(upn.toLowerCase(Locale.ROOT));
        if (u == null || u.state != DirectoryObject.State.ACTIVE) {
            return List.of();
        }
        return List.of(render(u, -1, select, false));
    }

    synchronized Map<String, Object> groupById(String id, List<String> select) {
        DirectoryObject g = byId.get(id);
        if (g == null || !g.group || g.state != DirectoryObject.State.ACTIVE) {
            return null;
        }
        List<String> noMembers = select.stream().filter(s -> !s.equals("members")).toList();
        return render(g, -1, noMembers, false);
    }

    /** Null when the group does not exist; else members from offset, at most pageSize, and whether more follow. */
    synchronized ListPage groupMembers(String id, int offset, int pageSize) {
        DirectoryObject g = byId.get(id);
        if (g == null || !g.group || g.state != DirectoryObject.State.ACTIVE) {
            return null;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        int i = 0;
        Iterator<String> it = g.members.iterator();
        while (it.hasNext() && out.size() < pageSize) {
            String m = it.next();
            DirectoryObject mo = byId.get(m);
            if (mo == null || mo.state != DirectoryObject.State.ACTIVE) {
                i++;
                continue;
            }
            if (i++ >= offset) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("@odata.type", mo.group ? "#microsoft.graph.group" : "#microsoft.graph.user");
                e.put("id", m);
                AttributeSlots slots = mo.group ? groupSlots : userSlots;
                e.put("displayName", mo.get(slots.slot("displayName")));
                out.add(e);
            }
        }
        return new ListPage(out, it.hasNext() ? i : -1);
    }

    synchronized ListPage assignmentsPage(String servicePrincipalId, String resourceName, int offset, int pageSize) {
        List<Map<String, Object>> out = new ArrayList<>();
        int end = Math.min(assignments.size(), offset + pageSize);
        for (int i = offset; i < end; i++) {
            Assignment a = assignments.get(i);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", a.id());
            e.put("deletedDateTime", null);
            e.put("appRoleId", a.appRoleId());
            e.put("createdDateTime", a.createdDateTime().toString());
            e.put("principalDisplayName", a.principalDisplayName());
            e.put("principalId", a.principalId());
            e.put("principalType", a.principalType());
            e.put("resourceDisplayName", resourceName);
            e.put("resourceId", servicePrincipalId);
            out.add(e);
        }
        return new ListPage(out, end < assignments.size() ? end : -1);
    }

    record ListPage(List<Map<String, Object>> values, int nextOffset) {
    }

    synchronized List<Assignment> assignments() {
        return List.copyOf(assignments);
    }

    synchronized int userCount() {
        return (int) users.stream().filter(u -> u.state == DirectoryObject.State.ACTIVE).count();
    }

    synchronized int groupCount() {
        return (int) groups.stream().filter(g -> g.state == DirectoryObject.State.ACTIVE).count();
    }

    synchronized List<String> members(String groupId) {
        return List.copyOf(find(groupId, true).members);
    }

    // ---------------------------------------------------------------- delta

    /** Result of one delta page: either a nextLink token or a deltaLink token is set. */
    record DeltaPage(List<Map<String, Object>> values, PageToken next, PageToken delta) {
    }

    /** Thrown when a token belongs to an older epoch (expired) or is not ours. */
    static final class SyncStateNotFound extends RuntimeException {
        SyncStateNotFound(String message) {
            super(message);
        }
    }

    synchronized PageToken startRound(char kind, String select) {
        return new PageToken(kind, -1, seq, 0, 0, epoch, select);
    }

    synchronized PageToken nextRound(PageToken delta) {
        checkEpoch(delta);
        return new PageToken(delta.kind(), delta.cutoff(), seq, 0, 0, epoch, delta.select());
    }

    synchronized void checkEpoch(PageToken t) {
        if (t.epoch() != epoch) {
            throw new SyncStateNotFound("The sync state generation is not valid any more; restart with a full sync.");
        }
    }

    synchronized DeltaPage deltaPage(PageToken t, int pageSize, int memberSlice, boolean minimal) {
        checkEpoch(t);
        boolean isGroup = t.kind() == 'g';
        List<DirectoryObject> list = isGroup ? groups : users;
        List<String> select = selectList(t.select(), isGroup);
        boolean withMembers = isGroup && select.contains("members");
        List<String> attrs = select.stream().filter(s -> !s.equals("members") && !s.equals("id")).toList();
        List<Map<String, Object>> values = new ArrayList<>();
        int pos = t.pos();
        int moff = t.memberOffset();
        int memberBudget = memberSlice;
        while (pos < list.size() && values.size() < pageSize) {
            DirectoryObject o = list.get(pos);
            boolean included = t.since() < 0 ? o.state == DirectoryObject.State.ACTIVE : o.version > t.since();
            if (!included) {
                pos++;
                moff = 0;
                continue;
            }
            Map<String, Object> obj = moff == 0 ? render(o, t.since(), attrs, minimal) : idOnly(o);
            if (withMembers && o.state == DirectoryObject.State.ACTIVE) {
                List<Map<String, Object>> changes = memberDelta(o, t.since());
                int to = Math.min(changes.size(), moff + memberBudget);
                if (to > moff) {
                    obj.put("members@delta", new ArrayList<>(changes.subList(moff, to)));
                    memberBudget -= to - moff;
                }
                values.add(obj);
                if (to < changes.size()) {
                    moff = to;
                    break;
                }
            } else {
                values.add(obj);
            }
            pos++;
            moff = 0;
            if (memberBudget <= 0) {
                break;
            }
        }
        if (pos >= list.size()) {
            return new DeltaPage(values, null, new PageToken(t.kind(), -1, t.cutoff(), 0, 0, epoch, t.select()));
        }
        return new DeltaPage(values, new PageToken(t.kind(), t.since(), t.cutoff(), pos, moff, epoch, t.select()), null);
    }

    private List<Map<String, Object>> memberDelta(DirectoryObject g, long since) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (since < 0 || g.createdSeq > since) {
            for (String m : g.members) {
                out.add(memberEntry(m, false));
            }
            return out;
        }
        if (g.memberChanges != null) {
            g.memberChanges.forEach((m, s) -> {
                if (s > since) {
                    out.add(memberEntry(m, !g.members.contains(m)));
                }
            });
        }
        return out;
    }

    private Map<String, Object> memberEntry(String memberId, boolean removed) {
        DirectoryObject m = byId.get(memberId);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("@odata.type", m != null && m.group ? "#microsoft.graph.group" : "#microsoft.graph.user");
        e.put("id", memberId);
        if (removed) {
            e.put("@removed", Map.of("reason", "deleted"));
        }
        return e;
    }

    private static Map<String, Object> idOnly(DirectoryObject o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id);
        return m;
    }

    /**
     * Graph's default delta content: every selected property that was ever set, with its current value, plus
     * properties changed to null. With {@code minimal} (header {@code Prefer: return=minimal}) only properties
     * changed since {@code since}.
     */
    private Map<String, Object> render(DirectoryObject o, long since, List<String> attrs, boolean minimal) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (o.state != DirectoryObject.State.ACTIVE) {
            m.put("id", o.id);
            m.put("@removed", Map.of("reason", o.state == DirectoryObject.State.SOFT_DELETED ? "changed" : "deleted"));
            return m;
        }
        AttributeSlots slots = o.group ? groupSlots : userSlots;
        boolean full = since < 0 || !minimal || o.createdSeq > since || o.restoredSeq > since;
        for (String a : attrs) {
            int slot = slots.find(a);
            if (slot < 0) {
                continue;
            }
            Object v = o.get(slot);
            boolean changed = since >= 0 && o.changedAt(slot) > since;
            if (full ? (v != null || changed) : changed) {
                m.put(a, v);
            }
        }
        m.put("id", o.id);
        return m;
    }

    private static List<String> selectList(String select, boolean group) {
        if (select == null || select.isBlank()) {
            return group ? DEFAULT_GROUP_SELECT : DEFAULT_USER_SELECT;
        }
        List<String> out = new ArrayList<>();
        for (String s : select.split(",")) {
            String t = s.trim();
            if (!t.isEmpty() && !out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    static List<String> parseSelect(String select, boolean group) {
        return selectList(select, group);
    }
}
