package io.entrascim.sink.core;

import io.entrascim.contracts.MatchingAttribute;
import io.entrascim.contracts.ObjectType;
import io.entrascim.contracts.Operation;
import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.StepType;
import io.entrascim.contracts.TargetAttribute;
import io.entrascim.contracts.AttributeFlow;
import io.entrascim.sink.scim.ErrorClass;
import io.entrascim.sink.scim.PatchBodies;
import io.entrascim.sink.scim.ResourceKind;
import io.entrascim.sink.scim.RetriesExhaustedException;
import io.entrascim.sink.scim.ScimClient;
import io.entrascim.sink.scim.ScimHttpException;
import io.entrascim.sink.scim.ScimResponse;
import io.entrascim.sink.scim.ScimTransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converges the SCIM target to one {@link ProvisioningCommand}, Entra-style: match by the matching
 * attributes one at a time, create or link, read before write and PATCH only what differs, disable
 * with {@code active=false}, delete, and manage group members in chunks. Idempotent: running a
 * command again changes nothing in the target. Failures come back as a FAILURE {@link Outcome};
 * only {@link io.entrascim.sink.scim.TargetUnavailableException} escapes (the command must wait).
 */
public final class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ScimClient scim;
    private final Links links;
    private final ParkedMembers parked;
    private final PatchBodies patches;
    private final int chunkSize;
    private final boolean createFirst;
    /** Null: unresolved manager references are reported but not parked (plain tests, benchmark). */
    private final ParkedManagers managers;

    public Reconciler(ScimClient scim, LinkStore links, ParkedMembers parked, PatchBodies patches, int chunkSize) {
        this(scim, links, parked, patches, chunkSize, false);
    }

    /**
     * @param createFirst for an unlinked object whose only matching attribute is the target's unique key
     *                    (userName / group displayName), POST at once and match only on 409: one request
     *                    instead of two per new object, with the same outcome
     */
    public Reconciler(ScimClient scim, LinkStore links, ParkedMembers parked, PatchBodies patches, int chunkSize,
                      boolean createFirst) {
        this(scim, links, parked, null, patches, chunkSize, createFirst);
    }

    /** @param managers where manager references wait for the manager's target id */
    public Reconciler(ScimClient scim, LinkStore links, ParkedMembers parked, ParkedManagers managers, PatchBodies patches,
                      int chunkSize, boolean createFirst) {
        this(scim, (Links) links, parked, managers, patches, chunkSize, createFirst);
    }

    private Reconciler(ScimClient scim, Links links, ParkedMembers parked, ParkedManagers managers, PatchBodies patches,
                       int chunkSize, boolean createFirst) {
        this.managers = managers;
        this.scim = scim;
        this.links = links;
        this.parked = parked;
        this.patches = patches;
        this.chunkSize = chunkSize;
        this.createFirst = createFirst;
    }

    /** The same reconciler reading and writing links through {@code view} (a batch's {@link BatchLinks}). */
    public Reconciler with(Links view) {
        return new Reconciler(scim, view, parked, managers, patches, chunkSize, createFirst);
    }

    /** Applies the parked memberships and manager references that {@code sourceId}'s new link made resolvable. */
    public List<Outcome> resolveReferencesTo(String sourceId) {
        List<Outcome> outcomes = new ArrayList<>(resolveParked(sourceId));
        outcomes.addAll(resolveParkedManagers(sourceId));
        return outcomes;
    }

    /** The main outcome first, then any parked memberships this command made resolvable. */
    public List<Outcome> apply(ProvisioningCommand c) {
        return apply(c, null);
    }

    /**
     * @param known the command's own link as read just before (with its batch), or null to read it here; only the
     *              command's first read of its link uses it
     */
    public List<Outcome> apply(ProvisioningCommand c, LinkStore.Own known) {
        return apply(c, known, known == null ? null : known.earlierDeliveryAt());
    }

    /**
     * @param earlierDeliveryAt when an earlier delivery of this command's very record began (null: none known): an
     *                          object found in the target that was created since is reported as this command's create,
     *                          made by that delivery, whose result was lost with the process
     */
    public List<Outcome> apply(ProvisioningCommand c, LinkStore.Own known, Instant earlierDeliveryAt) {
        Trace trace = new Trace();
        trace.knownLink(known);
        trace.earlierDeliveryAt(earlierDeliveryAt);
        List<Outcome> outcomes = new ArrayList<>();
        Outcome main;
        try {
            main = switch (c.operation()) {
                case UPSERT -> upsert(c, trace);
                case DISABLE -> disable(c, trace);
                case DELETE -> delete(c, trace);
                case ADD_MEMBERS -> addMembers(c, trace);
                case REMOVE_MEMBERS -> removeMembers(c, trace);
            };
        } catch (ScimHttpException | ScimTransportException | RetriesExhaustedException e) {
            main = failed(c, trace, e);
        } catch (io.entrascim.sink.scim.TargetUnavailableException | org.springframework.dao.DataAccessException e) {
            throw e;
        } catch (DuplicateMatchException e) {
            main = trace.done("main", actionOf(c), ProvisioningStatus.FAILURE, c.sourceObjectId(), null, null,
                    new Outcome.Failure(ErrorClass.CONFLICT, "DuplicateTargetEntries", e.getMessage(), 200, null, null, 1,
                            Instant.now(), Instant.now(),
                            "Remove the duplicate from the target or change the matching attributes, then replay"),
                    c.causingEventId(), c.cycleId());
        } catch (RuntimeException e) {
            // Data the sink cannot turn into SCIM (e.g. conflicting attribute paths): permanent, replayable after a fix.
            log.warn("command {} cannot be reconciled: {}", c.commandId(), e.toString());
            main = trace.done("main", actionOf(c), ProvisioningStatus.FAILURE, c.sourceObjectId(), null, null,
                    new Outcome.Failure(ErrorClass.PERMANENT, "SinkSchemaError", "cannot build the SCIM request: " + e,
                            null, null, null, 1, Instant.now(), Instant.now(),
                            "Fix the attribute mapping named in the reason, then replay"),
                    c.causingEventId(), c.cycleId());
        }
        outcomes.add(main);
        // Only when something may be waiting for this object (its lookup or link write found something parked, or it
        // parked a reference itself): asking after every command cost two statements per command, nearly always for
        // nothing.
        if (trace.referencesWaiting() && main.status() != ProvisioningStatus.FAILURE && main.targetId() != null
                && c.operation() != Operation.DELETE) {
            outcomes.addAll(resolveParked(c.sourceObjectId()));
            outcomes.addAll(resolveParkedManagers(c.sourceObjectId()));
        }
        return outcomes;
    }

    // ---- upsert -------------------------------------------------------------------------------

    private Outcome upsert(ProvisioningCommand c, Trace t) {
        Outcome written = upsertAttributes(c, t);
        if (c.objectType() != ObjectType.USER || written.targetId() == null) {
            return written;
        }
        TargetAttribute manager = managerOf(c);
        if (manager == null) {
            // The source names no manager (nulls are never sent, as Entra): nothing to set, nothing left to wait for.
            forgetParkedManager(c, t);
            return written;
        }
        if (manager.flow() == AttributeFlow.ON_CREATE_ONLY && written.action() != ProvisioningAction.CREATE) {
            return written;
        }
        return withManager(c, written, manager, t);
    }

    private Outcome upsertAttributes(ProvisioningCommand c, Trace t) {
        ResourceKind kind = ResourceKind.of(c.objectType());
        Optional<String> linked = ownLink(c, t);
        if (createFirst && matchesOnlyOnUniqueKey(c) && linked.isEmpty()) {
            t.step("EntryImportMatch", StepType.MATCHING, ProvisioningStatus.SKIPPED,
                    "create-first: the only matching attribute (" + c.matching().get(0).name()
                            + ") is unique in the target, so a 409 on create stands for a match", Map.of());
            return create(c, kind, t);
        }
        Found found = findLinkedOrMatch(c, kind, t, linked);
        if (found == null) {
            return create(c, kind, t);
        }
        return updateOrReportEarlierCreate(c, kind, found, t);
    }

    private Outcome updateOrReportEarlierCreate(ProvisioningCommand c, ResourceKind kind, Found found, Trace t) {
        Instant created = createdAt(found.resource);
        Instant since = t.earlierDeliveryAt();
        if (since == null || created == null || created.isBefore(since)) {
            return update(c, kind, found, t);
        }
        // The object came into the target after an earlier delivery of this very record began: that delivery created it
        // (an object linked then existed before), and the sink stopped before its result was published or its offset
        // committed. Report that create, under the id its own result had (the audit keeps one), not "no change".
        t.step("EntryExportAdd", StepType.EXPORT, ProvisioningStatus.SUCCESS, "Created " + kind.name().toLowerCase() + " "
                + found.id + " in the target by an earlier delivery of this command (created " + created
                + ", after that delivery began at " + since + "); the sink stopped before reporting it",
                Map.of("targetCreated", created.toString(), "earlierDeliveryAt", since.toString()));
        createdWith(c, t);
        log.info("command {} for {}: {} {} was created by an earlier delivery of the command, whose result was lost; "
                + "reported now as its create", c.commandId(), c.sourceObjectId(), kind.name().toLowerCase(), found.id);
        Outcome updated = update(c, kind, found, t);
        return t.done("main", ProvisioningAction.CREATE, ProvisioningStatus.SUCCESS, c.sourceObjectId(), found.id,
                targetName(c), null, updated.changeId(), updated.cycleId());
    }

    /** Every written attribute, as a create sets it. */
    private static void createdWith(ProvisioningCommand c, Trace t) {
        for (TargetAttribute a : writable(c)) {
            t.modified(a.name(), null, a.redacted() ? TargetAttribute.REDACTED
                    : AttributeValues.display(AttributeValues.toJson(a.name(), a.value())));
        }
    }

    /** The target's {@code meta.created}, or null when it does not say (or says something that is no date-time). */
    private static Instant createdAt(JsonNode resource) {
        String created = resource == null ? null : resource.path("meta").path("created").asString(null);
        if (created == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(created).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private Outcome create(ProvisioningCommand c, ResourceKind kind, Trace t) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("schemas").add(kind.coreSchema());
        for (TargetAttribute a : writable(c)) {
            AttributePaths.write(body, a.name(), AttributeValues.toJson(a.name(), a.value()));
        }
        ScimResponse created;
        try {
            created = scim.create(kind, body);
        } catch (ScimHttpException e) {
            if (e.status() != 409) {
                throw e;
            }
            // Someone (JIT login, another pipeline) created it first: link instead of failing.
            t.step("EntryExportAdd", StepType.EXPORT, ProvisioningStatus.WARNING,
                    "POST " + kind.endpoint() + " answered 409" + (e.error().scimType() == null ? "" : " " + e.error().scimType())
                            + "; matching again to link the existing object", Map.of("httpStatus", "409"));
            Found found = match(c, kind, t);
            if (found == null) {
                throw e;
            }
            return updateOrReportEarlierCreate(c, kind, found, t);
        }
        String id = created.body().path("id").asString(null);
        if (id == null) {
            throw new ScimHttpException("POST", kind.endpoint(),
                    new io.entrascim.sink.scim.ScimError(created.status(), null, "created resource has no id"), null, created.millis());
        }
        t.referencesWaiting(links.link(c.sourceObjectId(), c.objectType(), id));
        createdWith(c, t);
        t.step("EntryExportAdd", StepType.EXPORT, ProvisioningStatus.SUCCESS,
                "Created " + kind.name().toLowerCase() + " " + id + " in the target", "POST " + kind.endpoint(), created);
        return t.done("main", ProvisioningAction.CREATE, ProvisioningStatus.SUCCESS, c.sourceObjectId(), id,
                targetName(c), null, c.causingEventId(), c.cycleId());
    }

    private Outcome update(ProvisioningCommand c, ResourceKind kind, Found found, Trace t) {
        t.read(found.resource);
        ObjectNode patch = patches.newPatch();
        for (TargetAttribute a : writable(c)) {
            if (a.flow() == AttributeFlow.ON_CREATE_ONLY) {
                continue;
            }
            JsonNode desired = AttributeValues.toJson(a.name(), a.value());
            JsonNode current = AttributePaths.read(found.resource, a.name());
            if (!AttributeValues.same(current, desired)) {
                patches.replace(patch, a.name(), desired);
                t.modified(a.name(), a.redacted() ? TargetAttribute.REDACTED : AttributeValues.display(current),
                        a.redacted() ? TargetAttribute.REDACTED : AttributeValues.display(desired));
            }
        }
        if (PatchBodies.operationCount(patch) == 0) {
            t.step("EntryExportSkipped", StepType.EXPORT, ProvisioningStatus.SKIPPED,
                    "skipped: no change (target already matches the " + writable(c).size() + " mapped attributes)", Map.of());
            return t.done("main", ProvisioningAction.UPDATE, ProvisioningStatus.SKIPPED, c.sourceObjectId(), found.id,
                    targetName(c), null, c.causingEventId(), c.cycleId());
        }
        ScimResponse patched = scim.patch(kind, found.id, patch);
        t.step("EntryExportUpdate", StepType.EXPORT, ProvisioningStatus.SUCCESS,
                "Updated " + PatchBodies.operationCount(patch) + " attribute(s) of " + found.id,
                "PATCH " + kind.endpoint() + "/" + found.id, patched);
        return t.done("main", ProvisioningAction.UPDATE, ProvisioningStatus.SUCCESS, c.sourceObjectId(), found.id,
                targetName(c), null, c.causingEventId(), c.cycleId());
    }

    // ---- disable / delete -------------------------------------------------------------------

    private Outcome disable(ProvisioningCommand c, Trace t) {
        if (c.objectType() == ObjectType.GROUP) {
            // SCIM core groups have no 'active': Entra deletes a group that leaves scope or is soft-deleted
            // (observed DELETE /Groups/{id}; "a target that doesn't support soft-deletes gets a DELETE").
            t.step("EntryExportSoftDeleteAsDelete", StepType.PROCESSING, ProvisioningStatus.SUCCESS,
                    "Group out of scope or soft-deleted: SCIM groups cannot be disabled (no 'active' attribute), so the "
                            + "group is deleted in the target as Entra does", Map.of("operation", "DISABLE"));
            return delete(c, t);
        }
        ResourceKind kind = ResourceKind.of(c.objectType());
        Found found = findLinkedOrMatch(c, kind, t);
        if (found == null) {
            return notManaged(c, t, ProvisioningAction.DISABLE);
        }
        JsonNode active = found.resource.get("active");
        if (active != null && active.isBoolean() && !active.booleanValue()) {
            t.step("EntryExportSkipped", StepType.EXPORT, ProvisioningStatus.SKIPPED, "skipped: no change (already inactive)", Map.of());
            return t.done("main", ProvisioningAction.DISABLE, ProvisioningStatus.SKIPPED, c.sourceObjectId(), found.id,
                    targetName(c), null, c.causingEventId(), c.cycleId());
        }
        ObjectNode patch = patches.newPatch();
        patches.replace(patch, "active", JSON.getNodeFactory().booleanNode(false));
        ScimResponse patched = scim.patch(kind, found.id, patch);
        t.modified("active", AttributeValues.display(active), "false");
        t.step("EntryExportUpdateSoftDelete", StepType.EXPORT, ProvisioningStatus.SUCCESS, "Disabled " + found.id + " (active=false)",
                "PATCH " + kind.endpoint() + "/" + found.id, patched);
        return t.done("main", ProvisioningAction.DISABLE, ProvisioningStatus.SUCCESS, c.sourceObjectId(), found.id,
                targetName(c), null, c.causingEventId(), c.cycleId());
    }

    private Outcome delete(ProvisioningCommand c, Trace t) {
        ResourceKind kind = ResourceKind.of(c.objectType());
        String id = ownLink(c, t).orElse(null);
        if (id == null) {
            Found found = match(c, kind, t);
            if (found == null) {
                return notManaged(c, t, ProvisioningAction.DELETE);
            }
            id = found.id;
        }
        try {
            ScimResponse deleted = scim.delete(kind, id);
            t.step("EntryExportDelete", StepType.EXPORT, ProvisioningStatus.SUCCESS, "Deleted " + id,
                    "DELETE " + kind.endpoint() + "/" + id, deleted);
        } catch (ScimHttpException e) {
            if (e.status() != 404) {
                throw e;
            }
            t.step("EntryExportDelete", StepType.EXPORT, ProvisioningStatus.SKIPPED, "skipped: " + id + " was already gone",
                    Map.of("httpStatus", "404"));
            links.unlink(c.sourceObjectId());
            dropReferencesHeldBy(c, t);
            return t.done("main", ProvisioningAction.DELETE, ProvisioningStatus.SKIPPED, c.sourceObjectId(), id,
                    targetName(c), null, c.causingEventId(), c.cycleId());
        }
        links.unlink(c.sourceObjectId());
        dropReferencesHeldBy(c, t);
        return t.done("main", ProvisioningAction.DELETE, ProvisioningStatus.SUCCESS, c.sourceObjectId(), id,
                targetName(c), null, c.causingEventId(), c.cycleId());
    }

    /** A deleted group's parked members and a deleted user's parked manager can never be applied: dropped, audited here. */
    private void dropReferencesHeldBy(ProvisioningCommand c, Trace t) {
        int n = c.objectType() == ObjectType.GROUP ? parked.removeGroup(c.sourceObjectId())
                : managers == null ? 0 : managers.removeFor(c.sourceObjectId());
        if (n > 0) {
            t.step("EntryReferenceResolution", StepType.REFERENCE_RESOLUTION, ProvisioningStatus.SKIPPED,
                    "dropped " + n + " parked " + (c.objectType() == ObjectType.GROUP ? "member" : "manager")
                            + " reference(s) of the deleted object", Map.of("dropped", Integer.toString(n)));
        }
    }

    private Outcome notManaged(ProvisioningCommand c, Trace t, ProvisioningAction action) {
        t.step("EntryExportSkipped", StepType.EXPORT, ProvisioningStatus.SKIPPED,
                "skipped: the object is not in the target (never created or matched by the sink)", Map.of());
        return t.done("main", action, ProvisioningStatus.SKIPPED, c.sourceObjectId(), null, targetName(c), null,
                c.causingEventId(), c.cycleId());
    }

    // ---- membership ---------------------------------------------------------------------------

    private Outcome addMembers(ProvisioningCommand c, Trace t) {
        Found group = findLinkedOrMatch(c, ResourceKind.GROUP, t);
        Map<String, String> memberIds = group == null ? Map.of() : links.targetIds(c.memberSourceIds());
        List<String> resolved = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        List<ParkedMembers.Parked> toPark = new ArrayList<>();
        for (String member : c.memberSourceIds()) {
            String target = memberIds.get(member);
            if (target != null) {
                resolved.add(target);
            } else {
                toPark.add(new ParkedMembers.Parked(c.sourceObjectId(), member, c.commandId(), c.causingEventId(), c.cycleId()));
                waiting.add(member);
            }
        }
        parked.parkAll(toPark);
        if (group != null && !waiting.isEmpty() && !links.targetIds(waiting).isEmpty()) {
            // A member linked between the lookup and the park's commit did not see the park: resolved after this command.
            t.referencesWaiting(true);
        }
        String groupId = group == null ? null : group.id;
        for (List<String> chunk : chunks(resolved)) {
            ScimResponse r = scim.patch(ResourceKind.GROUP, groupId, patches.addMembers(chunk));
            t.step("EntryExportUpdate", StepType.EXPORT, ProvisioningStatus.SUCCESS, "Added " + chunk.size() + " member(s)",
                    "PATCH /Groups/" + groupId, r);
            chunk.forEach(id -> t.modified("members", null, id));
        }
        return membershipOutcome(c, t, groupId, resolved.size(), waiting);
    }

    private Outcome removeMembers(ProvisioningCommand c, Trace t) {
        Found group = findLinkedOrMatch(c, ResourceKind.GROUP, t);
        parked.removeMembers(c.sourceObjectId(), c.memberSourceIds());
        List<String> resolved = new ArrayList<>();
        if (group != null) {
            Map<String, String> memberIds = links.targetIds(c.memberSourceIds());
            for (String member : c.memberSourceIds()) {
                String target = memberIds.get(member);
                if (target != null) {
                    resolved.add(target);
                }
            }
        }
        if (group == null) {
            return notManaged(c, t, ProvisioningAction.UPDATE);
        }
        for (List<String> chunk : chunks(resolved)) {
            try {
                ScimResponse r = scim.patch(ResourceKind.GROUP, group.id, patches.removeMembers(chunk));
                t.step("EntryExportUpdate", StepType.EXPORT, ProvisioningStatus.SUCCESS, "Removed " + chunk.size() + " member(s)",
                        "PATCH /Groups/" + group.id, r);
                chunk.forEach(id -> t.modified("members", id, null));
            } catch (ScimHttpException e) {
                // A redelivered removal finds nothing to remove: already converged.
                if (e.status() != 400 || !"noTarget".equals(e.error().scimType())) {
                    throw e;
                }
                t.step("EntryExportUpdate", StepType.EXPORT, ProvisioningStatus.SKIPPED,
                        "skipped: member(s) already absent", Map.of("httpStatus", "400", "scimType", "noTarget"));
            }
        }
        return membershipOutcome(c, t, group.id, resolved.size(), List.of());
    }

    private Outcome membershipOutcome(ProvisioningCommand c, Trace t, String groupId, int applied, List<String> waiting) {
        if (!waiting.isEmpty()) {
            t.step("EntryReferenceResolution", StepType.REFERENCE_RESOLUTION, ProvisioningStatus.WARNING,
                    waiting.size() + " member reference(s) not provisioned yet" + (groupId == null ? " (group not provisioned yet)" : "")
                            + "; parked and applied when they appear", Map.of("parked", String.join(",", head(waiting))));
            return t.done("main", ProvisioningAction.UPDATE, ProvisioningStatus.WARNING, c.sourceObjectId(), groupId,
                    targetName(c), new Outcome.Failure(ErrorClass.RETRIABLE, "UnresolvedReference",
                            waiting.size() + " member(s) have no target id yet", null, null, null, 1, Instant.now(),
                            Instant.now(), "None: parked memberships are applied automatically when the member is provisioned"),
                    c.causingEventId(), c.cycleId());
        }
        ProvisioningStatus status = applied == 0 ? ProvisioningStatus.SKIPPED : ProvisioningStatus.SUCCESS;
        if (applied == 0) {
            t.step("EntryExportSkipped", StepType.EXPORT, ProvisioningStatus.SKIPPED, "skipped: no change (no member to write)", Map.of());
        }
        return t.done("main", ProvisioningAction.UPDATE, status, c.sourceObjectId(), groupId, targetName(c), null,
                c.causingEventId(), c.cycleId());
    }

    /** Applies parked memberships that {@code sourceId} (a member or a group) just made resolvable. */
    List<Outcome> resolveParked(String sourceId) {
        List<ParkedMembers.Parked> waiting = parked.involving(sourceId);
        if (waiting.isEmpty()) {
            return List.of();
        }
        Map<String, List<ParkedMembers.Parked>> byGroup = new LinkedHashMap<>();
        waiting.forEach(p -> byGroup.computeIfAbsent(p.groupSourceId(), g -> new ArrayList<>()).add(p));
        List<Outcome> outcomes = new ArrayList<>();
        for (Map.Entry<String, List<ParkedMembers.Parked>> e : byGroup.entrySet()) {
            Optional<String> groupId = links.targetId(e.getKey());
            if (groupId.isEmpty()) {
                continue;
            }
            List<ParkedMembers.Parked> ready = new ArrayList<>();
            List<String> memberIds = new ArrayList<>();
            Map<String, String> linked = links.targetIds(e.getValue().stream().map(ParkedMembers.Parked::memberSourceId).toList());
            for (ParkedMembers.Parked p : e.getValue()) {
                String id = linked.get(p.memberSourceId());
                if (id != null) {
                    ready.add(p);
                    memberIds.add(id);
                }
            }
            if (ready.isEmpty()) {
                continue;
            }
            Trace t = new Trace();
            try {
                for (List<String> chunk : chunks(memberIds)) {
                    ScimResponse r = scim.patch(ResourceKind.GROUP, groupId.get(), patches.addMembers(chunk));
                    t.step("EntryReferenceResolution", StepType.REFERENCE_RESOLUTION, ProvisioningStatus.SUCCESS,
                            "Applied " + chunk.size() + " parked member(s) now provisioned", "PATCH /Groups/" + groupId.get(), r);
                    chunk.forEach(id -> t.modified("members", null, id));
                }
            } catch (ScimHttpException | ScimTransportException | RetriesExhaustedException ex) {
                log.warn("parked members of group {} stay parked: {}", e.getKey(), ex.getMessage());
                continue;
            }
            parked.removeMembers(e.getKey(), ready.stream().map(ParkedMembers.Parked::memberSourceId).toList());
            ParkedMembers.Parked first = ready.get(0);
            outcomes.add(t.done("ref:" + e.getKey() + ":" + sourceId, ProvisioningAction.UPDATE, ProvisioningStatus.SUCCESS,
                    e.getKey(), groupId.get(), null, null, first.changeId(), first.cycleId()));
        }
        return outcomes;
    }

    // ---- manager ------------------------------------------------------------------------------

    private static TargetAttribute managerOf(ProvisioningCommand c) {
        for (TargetAttribute a : c.attributes()) {
            if (ManagerReference.isManager(a.name())) {
                return a;
            }
        }
        return null;
    }

    /**
     * Sets the user's manager to the manager's <em>target</em> id, or parks the reference when the manager
     * has no target id yet (set later by {@link #resolveParkedManagers}). Unresolved: the outcome becomes a
     * WARNING {@code UnresolvedReference}, the user itself is written.
     */
    private Outcome withManager(ProvisioningCommand c, Outcome written, TargetAttribute manager, Trace t) {
        String managerSourceId = ManagerReference.sourceId(manager);
        if (managerSourceId == null) {
            forgetParkedManager(c, t);
            return written;
        }
        Optional<String> managerTarget = links.targetId(managerSourceId);
        if (managerTarget.isEmpty()) {
            if (managers != null) {
                managers.park(c.sourceObjectId(), managerSourceId, c.commandId(), c.causingEventId(), c.cycleId());
                // The manager may have been linked since the lookup above, before the park was committed: its own
                // command did not see the park, so this one resolves it after the command.
                t.referencesWaiting(links.targetId(managerSourceId).isPresent());
            }
            t.step("EntryReferenceResolution", StepType.REFERENCE_RESOLUTION, ProvisioningStatus.WARNING,
                    "manager " + managerSourceId + " is not provisioned yet" + (managers == null ? "" : "; parked and set by "
                            + "PATCH when it appears"), Map.of("attribute", ManagerReference.ATTRIBUTE, "parked", managerSourceId));
            ProvisioningStatus status = written.status() == ProvisioningStatus.FAILURE ? written.status() : ProvisioningStatus.WARNING;
            return t.done("main", written.action(), status, c.sourceObjectId(), written.targetId(), written.targetName(),
                    new Outcome.Failure(ErrorClass.RETRIABLE, "UnresolvedReference", "manager " + managerSourceId
                            + " has no target id yet", null, null, null, 1, Instant.now(), Instant.now(),
                            "None: the parked manager is set automatically when the manager is provisioned "
                                    + "(or on POST /api/restart?scope=escrows)"),
                    c.causingEventId(), c.cycleId());
        }
        forgetParkedManager(c, t);
        JsonNode current = managerValue(t.lastRead());
        if (current != null && current.asString().equals(managerTarget.get())) {
            t.step("EntryReferenceResolution", StepType.REFERENCE_RESOLUTION, ProvisioningStatus.SKIPPED,
                    "manager already set to " + managerTarget.get(), Map.of("attribute", ManagerReference.ATTRIBUTE));
            return written;
        }
        ScimResponse r = scim.patch(ResourceKind.USER, written.targetId(), managerPatch(managerTarget.get()));
        t.modified(ManagerReference.ATTRIBUTE, manager.redacted() ? (current == null ? null : TargetAttribute.REDACTED)
                : current == null ? null : current.asString(), manager.redacted() ? TargetAttribute.REDACTED : managerTarget.get());
        t.step("EntryReferenceResolution", StepType.REFERENCE_RESOLUTION, ProvisioningStatus.SUCCESS,
                "Resolved manager " + managerSourceId + " to target id " + managerTarget.get() + " and set it",
                "PATCH /Users/" + written.targetId(), r);
        ProvisioningStatus status = written.status() == ProvisioningStatus.SKIPPED ? ProvisioningStatus.SUCCESS : written.status();
        return t.done("main", written.action(), status, c.sourceObjectId(), written.targetId(), written.targetName(),
                written.failure(), c.causingEventId(), c.cycleId());
    }

    private ObjectNode managerPatch(String managerTargetId) {
        ObjectNode patch = patches.newPatch();
        ObjectNode value = JSON.createObjectNode();
        value.put("value", managerTargetId);
        patches.replace(patch, ManagerReference.ATTRIBUTE, value);
        return patch;
    }

    /** The manager's target id in a resource read from the target ({@code {"value":..}} or a plain string). */
    private static JsonNode managerValue(JsonNode resource) {
        if (resource == null) {
            return null;
        }
        JsonNode m = AttributePaths.read(resource, ManagerReference.ATTRIBUTE);
        if (m != null && m.isObject()) {
            m = m.get("value");
        }
        return m == null || m.isNull() || m.isMissingNode() ? null : m;
    }

    /** Sets parked manager references that {@code sourceId} (a manager or the user) just made resolvable. */
    private List<Outcome> resolveParkedManagers(String sourceId) {
        if (managers == null) {
            return List.of();
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (ParkedManagers.Parked p : managers.involving(sourceId)) {
            Optional<Outcome> o = applyParkedManager(p, "mgr:" + p.userSourceId() + ":" + sourceId);
            o.ifPresent(outcomes::add);
        }
        return outcomes;
    }

    /**
     * Sets one parked manager reference if both ends have target ids; empty when it must keep waiting
     * (an end not provisioned yet, or the PATCH failed: it stays parked).
     */
    Optional<Outcome> applyParkedManager(ParkedManagers.Parked p, String key) {
        Optional<String> user = links.targetId(p.userSourceId());
        Optional<String> manager = links.targetId(p.managerSourceId());
        if (user.isEmpty() || manager.isEmpty()) {
            return Optional.empty();
        }
        Trace t = new Trace();
        try {
            ScimResponse r = scim.patch(ResourceKind.USER, user.get(), managerPatch(manager.get()));
            t.modified(ManagerReference.ATTRIBUTE, null, manager.get());
            t.step("EntryReferenceResolution", StepType.REFERENCE_RESOLUTION, ProvisioningStatus.SUCCESS,
                    "Set parked manager " + p.managerSourceId() + " (target id " + manager.get() + "), now provisioned",
                    "PATCH /Users/" + user.get(), r);
        } catch (ScimHttpException | ScimTransportException | RetriesExhaustedException ex) {
            log.warn("parked manager of user {} stays parked: {}", p.userSourceId(), ex.getMessage());
            return Optional.empty();
        }
        managers.remove(p.userSourceId(), p.managerSourceId());
        return Optional.of(t.done(key, ProvisioningAction.UPDATE, ProvisioningStatus.SUCCESS, p.userSourceId(), user.get(),
                null, null, p.changeId(), p.cycleId()));
    }

    // ---- matching -----------------------------------------------------------------------------

    private record Found(String id, JsonNode resource) {
    }

    /** Reads the linked object (re-matching when it is gone), or matches; null when nothing exists. */
    private Found findLinkedOrMatch(ProvisioningCommand c, ResourceKind kind, Trace t) {
        return findLinkedOrMatch(c, kind, t, ownLink(c, t));
    }

    private Found findLinkedOrMatch(ProvisioningCommand c, ResourceKind kind, Trace t, Optional<String> linked) {
        if (linked.isPresent()) {
            try {
                ScimResponse r = scim.get(kind, linked.get());
                t.step("EntryImportObjectLookup", StepType.MATCHING, ProvisioningStatus.SUCCESS,
                        "Read linked object " + linked.get(), "GET " + kind.endpoint() + "/" + linked.get(), r);
                return new Found(linked.get(), r.body());
            } catch (ScimHttpException e) {
                if (e.status() != 404) {
                    throw e;
                }
                links.unlink(c.sourceObjectId());
                t.step("EntryImportObjectLookup", StepType.MATCHING, ProvisioningStatus.WARNING,
                        "Linked object " + linked.get() + " no longer exists (404); matching again", Map.of("httpStatus", "404"));
            }
        }
        return match(c, kind, t);
    }

    private Found match(ProvisioningCommand c, ResourceKind kind, Trace t) {
        List<MatchingAttribute> order = new ArrayList<>(c.matching());
        order.sort(Comparator.comparingInt(MatchingAttribute::priority));
        for (MatchingAttribute m : order) {
            ScimResponse r = scim.findEq(kind, m.name(), m.value());
            JsonNode resources = r.body().path("Resources");
            int n = resources.isArray() ? resources.size() : 0;
            if (n > 1) {
                t.step("EntryImportMatch", StepType.MATCHING, ProvisioningStatus.FAILURE,
                        n + " target objects match " + m.name(), "GET " + kind.endpoint() + "?filter=" + m.name() + " eq …", r);
                throw new DuplicateMatchException(n + " objects in the target match " + m.name()
                        + " (SystemForCrossDomainIdentityManagementMultipleEntriesInResponse)");
            }
            if (n == 1) {
                String id = resources.get(0).path("id").asString(null);
                t.referencesWaiting(links.link(c.sourceObjectId(), c.objectType(), id));
                t.step("EntryImportMatch", StepType.MATCHING, ProvisioningStatus.SUCCESS,
                        "Matched target object " + id + " on " + m.name() + "; linked", "GET " + kind.endpoint() + "?filter=" + m.name() + " eq …", r);
                return new Found(id, resources.get(0));
            }
            t.step("EntryImportMatch", StepType.MATCHING, ProvisioningStatus.SUCCESS,
                    "No target object has this " + m.name(), "GET " + kind.endpoint() + "?filter=" + m.name() + " eq …", r);
        }
        return null;
    }

    /** The command's own link; notes on the trace whether anything was parked (references may wait for it). */
    private Optional<String> ownLink(ProvisioningCommand c, Trace t) {
        LinkStore.Own own = t.takeKnownLink();
        if (own == null) {
            own = links.own(c.sourceObjectId());
        }
        t.referencesWaiting(own.referencesWaiting());
        return own.targetId();
    }

    /**
     * Drops the user's parked manager reference. Only this user's own commands park one (they share a partition),
     * so when its lookup found no parked reference at all there is nothing to delete.
     */
    private void forgetParkedManager(ProvisioningCommand c, Trace t) {
        if (managers != null && t.referencesWaiting()) {
            managers.removeFor(c.sourceObjectId());
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static boolean matchesOnlyOnUniqueKey(ProvisioningCommand c) {
        String key = c.objectType() == ObjectType.GROUP ? "displayName" : "userName";
        if (c.matching().size() != 1 || !c.matching().get(0).name().equals(key)) {
            return false;
        }
        TargetAttribute written = c.attribute(key);
        return written != null && c.matching().get(0).value().equals(String.valueOf(written.value()));
    }

    private static List<TargetAttribute> writable(ProvisioningCommand c) {
        // Members are written only by membership PATCHes, never as a whole list; the manager only after
        // its Entra id is resolved to a target id (withManager), never in the POST.
        return c.attributes().stream().filter(a -> !a.name().equals("members") && !ManagerReference.isManager(a.name())).toList();
    }

    private List<List<String>> chunks(List<String> ids) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += chunkSize) {
            out.add(ids.subList(i, Math.min(ids.size(), i + chunkSize)));
        }
        return out;
    }

    private static List<String> head(List<String> ids) {
        return ids.size() <= 20 ? ids : ids.subList(0, 20);
    }

    private static String targetName(ProvisioningCommand c) {
        TargetAttribute name = c.attribute(c.objectType() == ObjectType.GROUP ? "displayName" : "userName");
        return name == null ? c.sourceDisplayName() : String.valueOf(name.auditValue());
    }

    private static ProvisioningAction actionOf(ProvisioningCommand c) {
        return switch (c.operation()) {
            case UPSERT, ADD_MEMBERS, REMOVE_MEMBERS -> ProvisioningAction.UPDATE;
            case DISABLE -> ProvisioningAction.DISABLE;
            case DELETE -> ProvisioningAction.DELETE;
        };
    }

    private Outcome failed(ProvisioningCommand c, Trace t, RuntimeException e) {
        RuntimeException last = e instanceof RetriesExhaustedException x ? x.last() : e;
        int attempts = e instanceof RetriesExhaustedException x ? x.attempts() : 1;
        Instant first = e instanceof RetriesExhaustedException x ? x.firstFailureAt() : Instant.now();
        Instant lastAt = e instanceof RetriesExhaustedException x ? x.lastFailureAt() : first;
        ErrorClass errorClass = ErrorClass.of(last);
        Integer status = last instanceof ScimHttpException h ? h.status() : null;
        String scimType = last instanceof ScimHttpException h ? h.error().scimType() : null;
        String detail = last instanceof ScimHttpException h ? h.error().detail() : null;
        String code = errorCode(last);
        String recommended = switch (errorClass) {
            case RETRIABLE -> "Check that the target is reachable and not throttling; replay once it answers";
            case CONFLICT -> "Resolve the conflicting object in the target or the matching attributes, then replay";
            case PERMANENT -> "Fix the mapping or the value named in the detail, then replay";
        };
        Map<String, String> details = new LinkedHashMap<>();
        if (status != null) {
            details.put("httpStatus", status.toString());
        }
        if (scimType != null) {
            details.put("scimType", scimType);
        }
        details.put("attempts", Integer.toString(attempts));
        t.step("EntryExport", StepType.EXPORT, ProvisioningStatus.FAILURE, e.getMessage(), details);
        return t.done("main", actionOf(c), ProvisioningStatus.FAILURE, c.sourceObjectId(), null, targetName(c),
                new Outcome.Failure(errorClass, code, e.getMessage(), status, scimType, detail, attempts, first, lastAt, recommended),
                c.causingEventId(), c.cycleId());
    }

    private static String errorCode(RuntimeException e) {
        if (e instanceof ScimTransportException) {
            return e.getMessage().contains("timeout") ? "Timeout" : "WebExceptionProtocolError";
        }
        ScimHttpException h = (ScimHttpException) e;
        return switch (h.status()) {
            case 400 -> "BadRequest";
            case 401, 403 -> "Unauthorized";
            case 404 -> "InvalidAnchor";
            case 409 -> "EntryConflict";
            case 429 -> "TooManyRequests";
            default -> h.status() >= 500 ? "InternalServerError" : "HttpStatus" + h.status();
        };
    }

    static final class DuplicateMatchException extends RuntimeException {
        DuplicateMatchException(String message) {
            super(message, null, false, false);
        }
    }
}
