package io.entrascim.sink.core;

import io.entrascim.contracts.ModifiedProperty;
import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.ProvisioningStep;
import io.entrascim.contracts.StepType;
import io.entrascim.sink.scim.ScimResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects the steps and modified properties of one reconciliation while it runs. */
final class Trace {

    private final long start = System.nanoTime();
    private final List<ProvisioningStep> steps = new ArrayList<>();
    private final List<ModifiedProperty> modified = new ArrayList<>();
    private tools.jackson.databind.JsonNode lastRead;
    private boolean referencesWaiting;
    private LinkStore.Own knownLink;
    private java.time.Instant earlierDeliveryAt;

    /** The command's own link as already read (with its batch); null = read it when needed. */
    void knownLink(LinkStore.Own known) {
        this.knownLink = known;
    }

    void earlierDeliveryAt(java.time.Instant at) {
        this.earlierDeliveryAt = at;
    }

    /** When an earlier delivery of the command's very record began; null = none known. */
    java.time.Instant earlierDeliveryAt() {
        return earlierDeliveryAt;
    }

    /** The link read ahead, once: a second read in the same command (after a 404, say) goes to the store. */
    LinkStore.Own takeKnownLink() {
        LinkStore.Own k = knownLink;
        knownLink = null;
        return k;
    }

    /**
     * References may be waiting for this command's object (its link lookup or link write found something parked,
     * or the command itself parked a reference that may have become resolvable): the reconciler resolves them after
     * the command. False means nothing at all was parked when read.
     */
    void referencesWaiting(boolean waiting) {
        referencesWaiting |= waiting;
    }

    boolean referencesWaiting() {
        return referencesWaiting;
    }

    /** Remembers the target object as read before a write (later steps compare against it). */
    void read(tools.jackson.databind.JsonNode resource) {
        this.lastRead = resource;
    }

    /** The target object as last read, or null (e.g. just created). */
    tools.jackson.databind.JsonNode lastRead() {
        return lastRead;
    }

    void step(String name, StepType type, ProvisioningStatus status, String description, String call, ScimResponse response) {
        Map<String, String> details = new LinkedHashMap<>();
        if (call != null) {
            details.put("request", call);
        }
        if (response != null) {
            details.put("httpStatus", Integer.toString(response.status()));
            details.put("durationMs", Long.toString(response.millis()));
        }
        steps.add(new ProvisioningStep(name, type, status, description, details));
    }

    void step(String name, StepType type, ProvisioningStatus status, String description, Map<String, String> details) {
        steps.add(new ProvisioningStep(name, type, status, description, details));
    }

    void modified(String name, String oldValue, String newValue) {
        modified.add(new ModifiedProperty(name, oldValue, newValue));
    }

    long millis() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    Outcome done(String key, ProvisioningAction action, ProvisioningStatus status, String sourceId, String targetId,
                 String targetName, Outcome.Failure failure, String changeId, String cycleId) {
        return new Outcome(key, action, status, sourceId, targetId, targetName, List.copyOf(steps), List.copyOf(modified),
                failure, millis(), changeId, cycleId);
    }
}
