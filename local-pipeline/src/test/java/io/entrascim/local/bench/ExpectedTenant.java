package io.entrascim.local.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.entrascim.testkit.fastscim.FastScimTarget;
import io.entrascim.testkit.graph.DemoTenant;
import tools.jackson.databind.JsonNode;

/**
 * Seeds the demo tenant with N users, G groups and M memberships (group 0 takes a fifth, so it spans many delta pages
 * and member PATCH chunks; each user is in at most one seeded group while M <= N) and keeps what the SCIM target must
 * then hold. The stack runs with sync scope {@code all}, so every seeded object is in scope.
 */
final class ExpectedTenant {

    final List<String> userIds = new ArrayList<>();
    final List<String> groupIds = new ArrayList<>();
    final Map<String, String> upnById = new HashMap<>();
    final Map<String, String> groupNameById = new HashMap<>();
    /** userName -> expected displayName */
    final Map<String, String> displayNames = new HashMap<>();
    /** userName -> expected active */
    final Map<String, Boolean> active = new HashMap<>();
    /** group displayName -> member userNames */
    final Map<String, Set<String>> members = new LinkedHashMap<>();

    void seed(DemoTenant tenant, int users, int groups, int memberships) {
        userIds.addAll(tenant.seedUsers(users));
        groupIds.addAll(tenant.seedGroups(groups));
        // seedUsers/seedGroups name objects "user<k>@demo.entrascim.io" / "Demo Group <k>" from k = 0
        for (int k = 0; k < userIds.size(); k++) {
            String upn = "user" + k + "@demo.entrascim.io";
            upnById.put(userIds.get(k), upn);
            displayNames.put(upn, "Demo User " + k);
            active.put(upn, true);
        }
        for (int k = 0; k < groupIds.size(); k++) {
            groupNameById.put(groupIds.get(k), "Demo Group " + k);
            members.put("Demo Group " + k, new HashSet<>());
        }
        int m = Math.min(memberships, users);
        for (int i = 0; i < m && groups > 0; i++) {
            int g = groups == 1 || i < m / 5 ? 0 : 1 + (i % (groups - 1));
            tenant.addMember(groupIds.get(g), userIds.get(i));
            members.get("Demo Group " + g).add(upnById.get(userIds.get(i)));
        }
    }

    /**
     * One more group, {@code name}, with the first {@code n} seeded users as members. Returns the size in bytes of its
     * member list as Graph's delta JSON carries it ({@code [{"@odata.type":"#microsoft.graph.user","id":"<guid>"},...]}).
     */
    long seedBigGroup(DemoTenant tenant, String name, int n) {
        if (n > userIds.size()) {
            throw new IllegalArgumentException("a group of " + n + " members needs at least as many users; seeded " + userIds.size());
        }
        String gid = tenant.createGroup(name);
        groupIds.add(gid);
        groupNameById.put(gid, name);
        Set<String> m = new HashSet<>();
        members.put(name, m);
        java.util.List<Map<String, String>> graphMembers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String uid = userIds.get(i);
            tenant.addMember(gid, uid);
            m.add(upnById.get(uid));
            graphMembers.add(Map.of("@odata.type", "#microsoft.graph.user", "id", uid));
        }
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsBytes(graphMembers).length;
    }

    int membershipCount() {
        return members.values().stream().mapToInt(Set::size).sum();
    }

    boolean countsReached(FastScimTarget target) {
        return target.userCount() == displayNames.size() && target.groupCount() == members.size()
                && target.membershipCount() == membershipCount();
    }

    /** Every difference between the target and the expected state (empty = exact). At most 20 are listed. */
    List<String> differences(FastScimTarget target) {
        FastScimTarget.Snapshot s = target.snapshot();
        List<String> diffs = new ArrayList<>();
        for (Map.Entry<String, String> e : displayNames.entrySet()) {
            JsonNode u = s.users().get(e.getKey());
            if (u == null) {
                diffs.add("missing user " + e.getKey());
            } else if (!e.getValue().equals(u.path("displayName").asString(null))) {
                diffs.add("user " + e.getKey() + " displayName '" + u.path("displayName").asString(null) + "' != '" + e.getValue() + "'");
            } else if (u.path("active").asBoolean(true) != active.get(e.getKey())) {
                diffs.add("user " + e.getKey() + " active " + u.path("active") + " != " + active.get(e.getKey()));
            }
        }
        s.users().keySet().stream().filter(k -> !displayNames.containsKey(k)).forEach(k -> diffs.add("extra user " + k));
        for (Map.Entry<String, Set<String>> e : members.entrySet()) {
            Set<String> actual = s.memberNames().get(e.getKey());
            if (actual == null) {
                diffs.add("missing group " + e.getKey());
            } else if (!actual.equals(e.getValue())) {
                Set<String> missing = new HashSet<>(e.getValue());
                missing.removeAll(actual);
                Set<String> extra = new HashSet<>(actual);
                extra.removeAll(e.getValue());
                diffs.add("group " + e.getKey() + ": " + missing.size() + " member(s) missing, " + extra.size() + " extra");
            }
        }
        s.groups().keySet().stream().filter(k -> !members.containsKey(k)).forEach(k -> diffs.add("extra group " + k));
        return diffs.size() > 20 ? new ArrayList<>(diffs.subList(0, 20)) : diffs;
    }
}
