package io.entrascim.testkit.graph;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One user or group with the sequence numbers delta queries need. Attribute values sit in a small array
 * indexed by {@link AttributeSlots} rather than a map each, so 100k users stay a few tens of MB.
 */
final class DirectoryObject {

    enum State { ACTIVE, SOFT_DELETED, HARD_DELETED }

    final String id;
    final boolean group;
    final long createdSeq;
    State state = State.ACTIVE;
    /** Last change of anything delta reports for this object. */
    long version;
    long restoredSeq = -1;
    Object[] values = new Object[0];
    /** Per slot: sequence of the last update after creation; null while never updated. */
    long[] changedAt;

    /** Groups only: current members and, per member touched after creation, the sequence of that change. */
    final Set<String> members;
    Map<String, Long> memberChanges;

    DirectoryObject(String id, boolean group, long seq) {
        this.id = id;
        this.group = group;
        this.createdSeq = seq;
        this.version = seq;
        this.members = group ? new LinkedHashSet<>() : null;
    }

    Object get(int slot) {
        return slot < values.length ? values[slot] : null;
    }

    void set(int slot, Object value, long seq, boolean tracked) {
        if (slot >= values.length) {
            Object[] grown = new Object[slot + 1];
            System.arraycopy(values, 0, grown, 0, values.length);
            values = grown;
        }
        values[slot] = value;
        if (tracked) {
            if (changedAt == null || slot >= changedAt.length) {
                long[] grown = new long[Math.max(slot + 1, values.length)];
                java.util.Arrays.fill(grown, -1);
                if (changedAt != null) {
                    System.arraycopy(changedAt, 0, grown, 0, changedAt.length);
                }
                changedAt = grown;
            }
            changedAt[slot] = seq;
        }
    }

    long changedAt(int slot) {
        return changedAt == null || slot >= changedAt.length ? -1 : changedAt[slot];
    }

    void recordMemberChange(String memberId, long seq) {
        if (memberChanges == null) {
            memberChanges = new LinkedHashMap<>();
        }
        memberChanges.remove(memberId);
        memberChanges.put(memberId, seq);
        version = seq;
    }
}
