package io.entrascim.mapper.mapping;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.entrascim.contracts.AppRoleAssignmentFact;
import io.entrascim.contracts.AssignmentFacts;
import io.entrascim.contracts.ChangeEvent;
import io.entrascim.contracts.ChangeKind;
import io.entrascim.contracts.CycleOrigin;
import io.entrascim.contracts.MemberChange;
import io.entrascim.contracts.ObjectType;

/** Test change events. */
public final class Events {
    public static final AssignmentFacts ASSIGNED = AssignmentFacts.assigned(List.of(
            new AppRoleAssignmentFact("as-1", "00000000-0000-0000-0000-000000000000", null, "Default Access", "u-1", "User")));
    public static final AssignmentFacts UNASSIGNED = AssignmentFacts.assigned(List.of());

    private Events() {
    }

    public static Map<String, Object> alice() {
        return Map.of("userPrincipalName", "alice@contoso.com", "displayName", "Alice Smith", "mailNickname", "alice",
                "accountEnabled", true, "givenName", "Alice", "surname", "Smith", "department", "IT Operations",
                "mail", "alice@contoso.com");
    }

    public static ChangeEvent user(String eventId, ChangeKind kind, Map<String, Object> attributes, AssignmentFacts facts) {
        return new ChangeEvent(ChangeEvent.VERSION, eventId, "cycle-1", CycleOrigin.INCREMENTAL, Instant.parse("2026-01-01T00:00:00Z"),
                ObjectType.USER, "u-1", kind, attributes, facts, List.of());
    }

    public static ChangeEvent group(String eventId, ChangeKind kind, Map<String, Object> attributes, List<MemberChange> members) {
        return new ChangeEvent(ChangeEvent.VERSION, eventId, "cycle-1", CycleOrigin.INITIAL, Instant.parse("2026-01-01T00:00:00Z"),
                ObjectType.GROUP, "g-1", kind, attributes, AssignmentFacts.assigned(List.of(
                new AppRoleAssignmentFact("as-g", "00000000-0000-0000-0000-000000000000", null, null, "g-1", "Group"))), members);
    }
}
