package io.entrascim.sink.core;

import io.entrascim.contracts.ObjectType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The links as one batch of commands sees them: reads go to the store, new links are kept until {@link #flush}
 * writes them all in one statement and one commit, before the batch's offsets may be committed. Until then the
 * batch's later commands see them here (a group created, then given members; a manager created before its
 * reports). A link that is lost with the process (killed before the flush) costs nothing but a second match:
 * the command is delivered again, its create answers 409 or its match finds the object, and the link is written (the
 * result reports the create the first delivery made: {@link LinkStore#ownNotingCreateAttempts}).
 */
public final class BatchLinks implements Links {

    private final LinkStore store;
    private final Map<String, LinkStore.Link> pending = new LinkedHashMap<>();
    private final Set<String> unlinked = new HashSet<>();

    public BatchLinks(LinkStore store) {
        this.store = store;
    }

    @Override
    public LinkStore.Own own(String sourceId) {
        if (pending.containsKey(sourceId) || unlinked.contains(sourceId)) {
            // Changed by this batch: whether anything waits for it is asked when the link is flushed.
            return new LinkStore.Own(targetId(sourceId), false);
        }
        return store.own(sourceId);
    }

    @Override
    public Optional<String> targetId(String sourceId) {
        LinkStore.Link l = pending.get(sourceId);
        if (l != null) {
            return Optional.of(l.targetId());
        }
        return unlinked.contains(sourceId) ? Optional.empty() : store.targetId(sourceId);
    }

    @Override
    public Map<String, String> targetIds(Collection<String> sourceIds) {
        List<String> stored = new ArrayList<>(sourceIds.size());
        Map<String, String> found = new HashMap<>();
        for (String id : sourceIds) {
            LinkStore.Link l = pending.get(id);
            if (l != null) {
                found.put(id, l.targetId());
            } else if (!unlinked.contains(id)) {
                stored.add(id);
            }
        }
        if (!stored.isEmpty()) {
            found.putAll(store.targetIds(stored));
        }
        return found;
    }

    /** Kept until {@link #flush}: answers false, the flush says whether references wait for the batch's new links. */
    @Override
    public boolean link(String sourceId, ObjectType type, String targetId) {
        pending.put(sourceId, LinkStore.Link.of(sourceId, type, targetId));
        unlinked.remove(sourceId);
        return false;
    }

    @Override
    public void unlink(String sourceId) {
        store.unlink(sourceId);
        pending.remove(sourceId);
        unlinked.add(sourceId);
    }

    /** Source ids linked by this batch and not flushed yet, in the order they were linked. */
    public List<String> pendingSourceIds() {
        return List.copyOf(pending.keySet());
    }

    /**
     * Writes the pending links in one statement (durable on return); true when references may be waiting for
     * them. Pending links stay pending if the write fails, so it can be tried again.
     */
    public boolean flush() {
        if (pending.isEmpty()) {
            return false;
        }
        boolean parked = store.linkAll(List.copyOf(pending.values()));
        pending.clear();
        return parked;
    }
}
