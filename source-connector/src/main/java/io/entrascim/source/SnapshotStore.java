package io.entrascim.source;

import io.entrascim.contracts.RecordCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Last known selected attributes per object, so that every event carries a full snapshot even when Graph returns
 * only changed properties. Kept as compact JSON bytes (a few hundred bytes per user) to hold 100k users in tens of
 * MB. Not durable: after a restart an unknown object is read from Graph instead.
 */
final class SnapshotStore {

    private final Map<String, byte[]> snapshots = new ConcurrentHashMap<>();

    /** The last snapshot, or null when unknown. */
    Map<String, Object> get(String id) {
        byte[] b = snapshots.get(id);
        if (b == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = RecordCodec.mapper().readValue(b, LinkedHashMap.class);
        return m;
    }

    void put(String id, Map<String, Object> attributes) {
        snapshots.put(id, RecordCodec.mapper().writeValueAsBytes(attributes));
    }

    void remove(String id) {
        snapshots.remove(id);
    }

    void clear() {
        snapshots.clear();
    }

    int size() {
        return snapshots.size();
    }
}
