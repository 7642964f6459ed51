package io.entrascim.source;

import io.entrascim.contracts.AssignmentFacts;
import io.entrascim.contracts.ChangeEvent;
import io.entrascim.contracts.ChangeKind;
import io.entrascim.contracts.CycleOrigin;
import io.entrascim.contracts.MemberChange;
import io.entrascim.contracts.ObjectType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns one Graph delta object into a {@link ChangeEvent} carrying the full snapshot of the selected attributes:
 * what Graph delivered merged over the last known state, or over a fresh read when the state is unknown and Graph
 * may have sent only changed properties. {@code @removed} reason {@code changed} = soft delete, {@code deleted} =
 * hard delete; an object without it is an upsert (create, update or restore).
 */
final class DeltaTranslator {

    /** Where an event comes from, for deterministic event ids: re-reading the same page yields the same ids. */
    record Context(String cycleId, CycleOrigin origin, Instant observedAt, String pageKey) {
        String eventId(String objectId, int index) {
            return UUID.nameUUIDFromBytes((cycleId + "|" + pageKey + "|" + index + "|" + objectId)
                    .getBytes(StandardCharsets.UTF_8)).toString();
        }
    }

    private final SnapshotStore users;
    private final SnapshotStore groups;
    private final Set<String> softDeletedUsers;
    private final List<String> userAttributes;
    private final List<String> groupAttributes;
    private final boolean partialResponses;
    private final Function<String, Map<String, Object>> readUser;
    private final Function<String, Map<String, Object>> readGroup;

    DeltaTranslator(SnapshotStore users, SnapshotStore groups, Set<String> softDeletedUsers, List<String> userAttributes,
                    List<String> groupAttributes, boolean partialResponses,
                    Function<String, Map<String, Object>> readUser, Function<String, Map<String, Object>> readGroup) {
        this.users = users;
        this.groups = groups;
        this.softDeletedUsers = softDeletedUsers;
        this.userAttributes = userAttributes.stream().filter(a -> !a.equals("id")).toList();
        this.groupAttributes = groupAttributes.stream().filter(a -> !a.equals("id") && !a.equals("members")).toList();
        this.partialResponses = partialResponses;
        this.readUser = readUser;
        this.readGroup = readGroup;
    }

    ChangeEvent user(Map<String, Object> obj, Context ctx, int index, Function<String, AssignmentFacts> facts) {
        String id = idOf(obj);
        ChangeKind removed = removedKind(obj);
        if (removed != null) {
            if (removed == ChangeKind.HARD_DELETE) {
                users.remove(id);
                softDeletedUsers.remove(id);
            } else {
                softDeletedUsers.add(id);
            }
            return event(ctx, ctx.eventId(id, index), ObjectType.USER, id, removed, Map.of(), facts.apply(id), List.of());
        }
        softDeletedUsers.remove(id);
        Map<String, Object> delivered = attributesOf(obj, userAttributes);
        Map<String, Object> prev = users.get(id);
        if (prev == null && ctx.origin() != CycleOrigin.INITIAL && partialResponses && !hasAll(obj, userAttributes)) {
            Map<String, Object> read = readUser.apply(id);
            if (read != null) {
                prev = attributesOf(read, userAttributes);
            }
        }
        Map<String, Object> merged = merge(prev, delivered, obj, userAttributes);
        users.put(id, merged);
        return event(ctx, ctx.eventId(id, index), ObjectType.USER, id, ChangeKind.UPSERT, merged, facts.apply(id), List.of());
    }

    ChangeEvent group(Map<String, Object> obj, Context ctx, int index, AssignmentFacts facts) {
        String id = idOf(obj);
        ChangeKind removed = removedKind(obj);
        if (removed != null) {
            groups.remove(id);
            return event(ctx, ctx.eventId(id, index), ObjectType.GROUP, id, removed, Map.of(), facts, List.of());
        }
        List<MemberChange> members = memberChanges(obj);
        Map<String, Object> delivered = attributesOf(obj, groupAttributes);
        boolean attributesDelivered = groupAttributes.stream().anyMatch(obj::containsKey);
        Map<String, Object> prev = groups.get(id);
        if (prev == null && (!attributesDelivered || (ctx.origin() != CycleOrigin.INITIAL && partialResponses
                && !hasAll(obj, groupAttributes)))) {
            Map<String, Object> read = readGroup.apply(id);
            if (read != null) {
                prev = attributesOf(read, groupAttributes);
            }
        }
        Map<String, Object> merged = merge(prev, delivered, obj, groupAttributes);
        groups.put(id, merged);
        boolean onlyMembers = !members.isEmpty() && prev != null && (!attributesDelivered || merged.equals(prev));
        ChangeKind kind = onlyMembers && (ctx.origin() != CycleOrigin.INITIAL || !attributesDelivered)
                ? ChangeKind.MEMBERSHIP_CHANGE : ChangeKind.UPSERT;
        return event(ctx, ctx.eventId(id, index), ObjectType.GROUP, id, kind, merged, facts, members);
    }

    /** An upsert of a user from its last known (or freshly read) snapshot, e.g. when it enters or leaves scope. */
    ChangeEvent userSnapshot(String id, String eventId, Context ctx, AssignmentFacts facts) {
        if (softDeletedUsers.contains(id)) {
            return null;
        }
        Map<String, Object> snapshot = users.get(id);
        if (snapshot == null) {
            Map<String, Object> read = readUser.apply(id);
            if (read == null) {
                return null;
            }
            snapshot = attributesOf(read, userAttributes);
            users.put(id, snapshot);
        }
        return event(ctx, eventId, ObjectType.USER, id, ChangeKind.UPSERT, snapshot, facts, List.of());
    }

    /** An upsert from a complete read (provision on demand). */
    ChangeEvent fromRead(ObjectType type, Map<String, Object> read, List<MemberChange> members, String eventId,
                         Context ctx, AssignmentFacts facts) {
        String id = idOf(read);
        Map<String, Object> snapshot = attributesOf(read, type == ObjectType.USER ? userAttributes : groupAttributes);
        (type == ObjectType.USER ? users : groups).put(id, snapshot);
        if (type == ObjectType.USER) {
            softDeletedUsers.remove(id);
        }
        return event(ctx, eventId, type, id, ChangeKind.UPSERT, snapshot, facts, members);
    }

    static List<MemberChange> memberChanges(Map<String, Object> obj) {
        Object raw = obj.get("members@delta");
        if (!(raw instanceof List<?> list)) {
            return List.of();
        }
        List<MemberChange> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (o instanceof Map<?, ?> m && m.get("id") instanceof String mid) {
                out.add(new MemberChange(mid, typeOf(m.get("@odata.type")), m.containsKey("@removed")));
            }
        }
        return out;
    }

    static ObjectType typeOf(Object odataType) {
        return "#microsoft.graph.group".equals(odataType) ? ObjectType.GROUP : ObjectType.USER;
    }

    private static ChangeEvent event(Context ctx, String eventId, ObjectType type, String id, ChangeKind kind,
                                     Map<String, Object> attributes, AssignmentFacts facts, List<MemberChange> members) {
        return new ChangeEvent(ChangeEvent.VERSION, eventId, ctx.cycleId(), ctx.origin(), ctx.observedAt(), type, id,
                kind, attributes, facts, members);
    }

    private static String idOf(Map<String, Object> obj) {
        Object id = obj.get("id");
        if (!(id instanceof String s) || s.isBlank()) {
            throw new GraphException(200, "malformedResponse", "Graph returned an object without an id", false);
        }
        return s;
    }

    private static ChangeKind removedKind(Map<String, Object> obj) {
        Object r = obj.get("@removed");
        if (!(r instanceof Map<?, ?> m)) {
            return null;
        }
        return "changed".equals(m.get("reason")) ? ChangeKind.SOFT_DELETE : ChangeKind.HARD_DELETE;
    }

    private static boolean hasAll(Map<String, Object> obj, List<String> attrs) {
        for (String a : attrs) {
            if (!obj.containsKey(a)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Object> attributesOf(Map<String, Object> obj, List<String> attrs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String a : attrs) {
            Object v = obj.get(a);
            if (v != null) {
                out.put(a, v);
            }
        }
        return out;
    }

    /** Delivered values win; a property delivered as null is cleared; absent ones keep the previous value. */
    private static Map<String, Object> merge(Map<String, Object> prev, Map<String, Object> delivered,
                                             Map<String, Object> obj, List<String> attrs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String a : attrs) {
            if (obj.containsKey(a)) {
                Object v = delivered.get(a);
                if (v != null) {
                    out.put(a, v);
                }
            } else if (prev != null && prev.get(a) != null) {
                out.put(a, prev.get(a));
            }
        }
        return out;
    }
}
