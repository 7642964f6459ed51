package io.entrascim.contracts;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * source-connector -> mapper-service: one observed change of one Entra object, keyed by
 * {@link #objectId()} on {@link Topics#CHANGES}.
 *
 * @param schemaVersion {@link #VERSION}
 * @param eventId       unique id of this event; becomes the change id of every result it causes
 * @param cycleId       the source cycle that observed it
 * @param origin        initial, incremental, on demand or replay
 * @param observedAt    when the source read it from Graph
 * @param objectType    user or group
 * @param objectId      Entra object id (the Kafka key)
 * @param kind          upsert, soft delete, hard delete or membership change
 * @param attributes    full snapshot of the selected source attributes (strings, booleans, numbers,
 *                      lists of strings for multi-valued attributes); empty for deletes
 * @param assignment    assignment facts for the object
 * @param memberChanges for groups: members added or removed (in an initial cycle: all members);
 *                      empty otherwise
 */
public record ChangeEvent(
        int schemaVersion,
        String eventId,
        String cycleId,
        CycleOrigin origin,
        Instant observedAt,
        ObjectType objectType,
        String objectId,
        ChangeKind kind,
        Map<String, Object> attributes,
        AssignmentFacts assignment,
        List<MemberChange> memberChanges) implements Versioned {

    public static final int VERSION = 1;

    public ChangeEvent {
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        assignment = assignment == null ? AssignmentFacts.notEvaluated() : assignment;
        memberChanges = memberChanges == null ? List.of() : List.copyOf(memberChanges);
    }

    @Override
    public void validate() {
        Versioned.requireVersion(schemaVersion, VERSION);
        Versioned.require(eventId, "eventId");
        Versioned.require(cycleId, "cycleId");
        Versioned.require(origin, "origin");
        Versioned.require(observedAt, "observedAt");
        Versioned.require(objectType, "objectType");
        Versioned.require(objectId, "objectId");
        Versioned.require(kind, "kind");
        for (int i = 0; i < memberChanges.size(); i++) {
            MemberChange m = memberChanges.get(i);
            Versioned.requireAt(m, "memberChanges", i, null);
            Versioned.requireAt(m.memberId(), "memberChanges", i, "memberId");
        }
    }
}
