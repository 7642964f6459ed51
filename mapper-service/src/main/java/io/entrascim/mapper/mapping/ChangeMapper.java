package io.entrascim.mapper.mapping;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.entrascim.contracts.ChangeEvent;
import io.entrascim.contracts.ChangeKind;
import io.entrascim.contracts.MemberChange;
import io.entrascim.contracts.ObjectType;
import io.entrascim.contracts.Operation;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.ProvisioningStep;
import io.entrascim.contracts.TargetAttribute;
import io.entrascim.contracts.Topics;
import io.entrascim.mapper.expression.EvaluationContext;
import io.entrascim.mapper.expression.UniquenessCheck;
import io.entrascim.mapper.schema.AttributeMapping;
import io.entrascim.mapper.schema.MappingSchema;
import io.entrascim.mapper.schema.ObjectMapping;
import io.entrascim.mapper.scoping.ScopingDecision;
import io.entrascim.mapper.scoping.ScopingEngine;

/**
 * Turns one change event into provisioning commands and audit results, as Entra's synchronization
 * engine would decide: scoping, IsSoftDeleted, attribute mappings, deprovisioning. Stateless and
 * thread-safe; no Spring in sight.
 */
public final class ChangeMapper {
    public static final String MAPPING_ERROR_CODE = "AttributeMappingFailed";

    private final MappingSchema schema;
    private final ScopingEngine scoping;
    private final MapperOptions options;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ChangeMapper(MappingSchema schema, ScopingEngine scoping, MapperOptions options, Clock clock) {
        this.schema = schema;
        this.scoping = scoping;
        this.options = options;
        this.clock = clock;
    }

    public MappingSchema schema() {
        return schema;
    }

    public MappingOutcome map(ChangeEvent e) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        List<ProvisioningStep> steps = new ArrayList<>(4);
        steps.add(ResultFactory.importStep(e));
        ObjectMapping om = schema.mappingFor(e.objectType());
        if (om == null) {
            steps.add(ResultFactory.scopingStep("No enabled object mapping for " + e.objectType(), ProvisioningStatus.SKIPPED));
            return skip(e, now, started, "no-mapping", e.objectType() + " provisioning is not enabled in the mapping configuration", steps, null);
        }
        if (e.kind() == ChangeKind.HARD_DELETE) {
            steps.add(ResultFactory.scopingStep("Deleted in Entra (hard delete)", ProvisioningStatus.SUCCESS));
            if (!om.allows("Delete")) {
                return skip(e, now, started, "delete-disabled", "hard delete, but the Delete target-object action is off", steps, null);
            }
            return single(command(e, Operation.DELETE, List.of(), List.of(), List.of(), now),
                    "Delete the target object: permanently deleted in Entra", steps, null);
        }
        ScopingDecision decision = scoping.decide(e.objectType(), e.kind(), e.attributes(), e.assignment(), om.scope());
        steps.add(ResultFactory.scopingStep(decision));
        if (!decision.provision()) {
            return deprovision(e, om, decision, now, started, steps);
        }
        List<Decided> commands = new ArrayList<>(3);
        List<ProvisioningResult> results = new ArrayList<>(3);
        boolean onlyMembers = e.kind() == ChangeKind.MEMBERSHIP_CHANGE && e.attributes().isEmpty();
        if (!onlyMembers) {
            MappedObject mapped;
            try {
                mapped = AttributeMapper.map(om, context(e, decision));
            } catch (MappingException ex) {
                MappingOutcome.Failure f = new MappingOutcome.Failure(MAPPING_ERROR_CODE, ex.attribute(), ex.expression(), ex.reason());
                ProvisioningResult r = ResultFactory.failure(e, options.jobId(), now, millis(started), f, Topics.deadLetterOf(Topics.CHANGES), steps);
                return new MappingOutcome(List.of(), List.of(r), f, decision);
            }
            if (mapped.attributes().isEmpty()) {
                MappingOutcome.Failure f = new MappingOutcome.Failure(MAPPING_ERROR_CODE, "*", "(all mappings)",
                        "no attribute mapping produced a value: nothing to send");
                ProvisioningResult r = ResultFactory.failure(e, options.jobId(), now, millis(started), f, Topics.deadLetterOf(Topics.CHANGES), steps);
                return new MappingOutcome(List.of(), List.of(r), f, decision);
            }
            if (mapped.matching().isEmpty()) {
                String names = om.attributeMappings().stream().filter(AttributeMapping::matching)
                        .map(m -> m.targetAttributeName() + " <- " + m.sourceText()).toList().toString();
                MappingOutcome.Failure f = new MappingOutcome.Failure(MAPPING_ERROR_CODE, names, "(matching attributes)",
                        "every matching attribute evaluated to null: the target object cannot be matched");
                ProvisioningResult r = ResultFactory.failure(e, options.jobId(), now, millis(started), f, Topics.deadLetterOf(Topics.CHANGES), steps);
                return new MappingOutcome(List.of(), List.of(r), f, decision);
            }
            if (!om.allows("Add") && !om.allows("Update")) {
                return skip(e, now, started, "add-update-disabled", "the Add and Update target-object actions are off", steps, decision);
            }
            List<ProvisioningStep> upsertSteps = new ArrayList<>(steps);
            upsertSteps.add(ResultFactory.mappingStep(mapped));
            commands.add(new Decided(command(e, Operation.UPSERT, mapped.attributes(), mapped.matching(), List.of(), now),
                    "Upsert: create the object if no match exists, else update the differing attributes", upsertSteps));
        }
        if (e.objectType() == ObjectType.GROUP && !e.memberChanges().isEmpty()) {
            if (!mapsMembers(om)) {
                results.add(ResultFactory.skipped(e, options.jobId(), now, millis(started), "members-not-mapped",
                        "member changes ignored: the group mapping has no 'members' mapping", steps, commands.size()));
            } else {
                addMembership(e, now, steps, commands, false);
                addMembership(e, now, steps, commands, true);
            }
        }
        if (commands.isEmpty() && results.isEmpty()) {
            return skip(e, now, started, "nothing-to-do", "no attributes and no member changes", steps, decision);
        }
        return new MappingOutcome(decided(commands), results, null, decision);
    }

    /** The outcome for an event the mapper could not process at all (a defect, not a data problem). */
    public MappingOutcome failed(ChangeEvent e, String errorCode, String reason) {
        MappingOutcome.Failure f = new MappingOutcome.Failure(errorCode, "*", "(none)", reason);
        List<ProvisioningStep> steps = List.of(ResultFactory.importStep(e));
        return new MappingOutcome(List.of(), List.of(ResultFactory.failure(e, options.jobId(), clock.instant(), 0, f,
                Topics.deadLetterOf(Topics.CHANGES), steps)), f, null);
    }

    private void addMembership(ChangeEvent e, Instant now, List<ProvisioningStep> steps, List<Decided> commands,
                               boolean removed) {
        List<String> ids = new ArrayList<>();
        for (MemberChange m : e.memberChanges()) {
            if (m.removed() == removed) {
                ids.add(m.memberId());
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        Operation op = removed ? Operation.REMOVE_MEMBERS : Operation.ADD_MEMBERS;
        commands.add(new Decided(command(e, op, List.of(), List.of(), ids, now),
                (removed ? "Remove " : "Add ") + ids.size() + " member(s) " + (removed ? "from" : "to") + " the target group", steps));
    }

    /** A command and the steps that decided it, before it is known how many commands the change makes. */
    private record Decided(ProvisioningCommand command, String description, List<ProvisioningStep> steps) {
    }

    /**
     * Each command carries the steps that decided it instead of a result of its own: scim-sink's result for the command
     * starts with them, so the audit log holds one entry per object and action (and one Kafka record and log row
     * fewer per object; half the audit log's write load in an initial cycle).
     */
    private static List<ProvisioningCommand> decided(List<Decided> decided) {
        List<ProvisioningCommand> commands = new ArrayList<>(decided.size());
        for (int i = 0; i < decided.size(); i++) {
            Decided d = decided.get(i);
            commands.add(d.command().withDecisionSteps(ResultFactory.decisionSteps(d.command(), d.description(), d.steps(),
                    i + 1, decided.size())));
        }
        return commands;
    }

    private MappingOutcome deprovision(ChangeEvent e, ObjectMapping om, ScopingDecision d, Instant now, long started,
                                       List<ProvisioningStep> steps) {
        String why = d.summary();
        if (options.skipOutOfScopeDeletions()) {
            return skip(e, now, started, "out-of-scope", "out of scope (" + why + "); SkipOutOfScopeDeletions is set", steps, d);
        }
        if (e.objectType() == ObjectType.USER) {
            if (!om.mapsIsSoftDeleted()) {
                return skip(e, now, started, "out-of-scope", "out of scope (" + why + "); IsSoftDeleted is not mapped, so the "
                        + "target object is left as it is", steps, d);
            }
            return single(command(e, Operation.DISABLE, List.of(), List.of(), List.of(), now),
                    "Disable the target object (active=false) if it is managed: " + why, steps, d);
        }
        // SCIM groups cannot be disabled: Entra deletes a group that leaves scope.
        if (!om.allows("Delete")) {
            return skip(e, now, started, "out-of-scope", "out of scope (" + why + "); the Delete action is off", steps, d);
        }
        return single(command(e, Operation.DELETE, List.of(), List.of(), List.of(), now),
                "Delete the target group if it is managed: " + why, steps, d);
    }

    private MappingOutcome single(ProvisioningCommand c, String description, List<ProvisioningStep> steps, ScopingDecision d) {
        return new MappingOutcome(decided(List.of(new Decided(c, description, steps))), List.of(), null, d);
    }

    private MappingOutcome skip(ChangeEvent e, Instant now, long started, String step, String reason, List<ProvisioningStep> steps,
                                ScopingDecision d) {
        return new MappingOutcome(List.of(),
                List.of(ResultFactory.skipped(e, options.jobId(), now, millis(started), step, reason, steps, 0)), null, d);
    }

    private ProvisioningCommand command(ChangeEvent e, Operation op, List<TargetAttribute> attributes,
                                        List<io.entrascim.contracts.MatchingAttribute> matching, List<String> members, Instant now) {
        String commandId = DeterministicIds.of(ResultFactory.SERVICE + ":" + e.eventId() + ":" + op);
        String display = ResultFactory.source(e).displayName();
        return new ProvisioningCommand(ProvisioningCommand.VERSION, commandId, e.eventId(), e.cycleId(), e.origin(), e.objectType(),
                e.objectId(), display, op, attributes, matching, members, now, null);
    }

    /** The evaluation context for one object (a fresh one per event: contexts are not thread-safe). */
    public EvaluationContext context(ChangeEvent e, ScopingDecision d) {
        return new EvaluationContext(new SourceAttributes(e.attributes(), e.objectId(), d.isSoftDeleted()),
                e.assignment().assignments(), clock, random, UniquenessCheck.ASSUME_UNIQUE);
    }

    private static boolean mapsMembers(ObjectMapping om) {
        for (AttributeMapping m : om.attributeMappings()) {
            if (AttributeMapper.MEMBERS.equals(m.targetAttributeName())) {
                return true;
            }
        }
        return false;
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000L;
    }
}
