package io.entrascim.sink.core;

import io.entrascim.contracts.ObjectType;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Source-id -> target-id links as the reconciler reads and writes them. */
public interface Links {

    /** The link of a command's own object, with whether references may wait for it (anything parked). */
    LinkStore.Own own(String sourceId);

    Optional<String> targetId(String sourceId);

    /** Target ids of several objects at once; unlinked ids are absent. */
    Map<String, String> targetIds(Collection<String> sourceIds);

    /** Links the object; true when references may be waiting for it (something is parked). */
    boolean link(String sourceId, ObjectType type, String targetId);

    void unlink(String sourceId);
}
