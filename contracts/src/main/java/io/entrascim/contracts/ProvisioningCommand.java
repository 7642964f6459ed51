package io.entrascim.contracts;

import java.time.Instant;
import java.util.List;

/**
 * mapper-service -> scim-sink: what to make true in the SCIM target for one source object, keyed by
 * {@link #sourceObjectId()} on {@link Topics#COMMANDS}.
 *
 * @param schemaVersion     {@link #VERSION}
 * @param commandId         unique id of this command (replays keep it and set {@code replayOf})
 * @param causingEventId    the change event it was computed from (the change id in the audit log)
 * @param cycleId           the source cycle
 * @param origin            the cycle kind that caused it
 * @param objectType        user or group
 * @param sourceObjectId    Entra object id (the Kafka key)
 * @param sourceDisplayName display name for logs, may be null
 * @param operation         upsert, disable, delete, add or remove members
 * @param attributes        mapped target attributes (for upsert), nulls already left out
 * @param matching          matching attributes in precedence order (for upsert), may be empty
 * @param memberSourceIds   Entra ids of members to add or remove (membership operations)
 * @param issuedAt          when the mapper issued it
 * @param replayOf          id of the failure this command replays, or null
 * @param decisionSteps     the mapper's steps that led to this command (import, scoping, mapping, the operation
 *                          decided); scim-sink's result for the command starts with them, so the audit log has one
 *                          entry per object and action, from the Entra change to the SCIM write, as Entra's
 *                          provisioning log does. Empty from a mapper that predates the field (then the sink's steps
 *                          stand alone).
 */
public record ProvisioningCommand(
        int schemaVersion,
        String commandId,
        String causingEventId,
        String cycleId,
        CycleOrigin origin,
        ObjectType objectType,
        String sourceObjectId,
        String sourceDisplayName,
        Operation operation,
        List<TargetAttribute> attributes,
        List<MatchingAttribute> matching,
        List<String> memberSourceIds,
        Instant issuedAt,
        String replayOf,
        List<ProvisioningStep> decisionSteps) implements Versioned {

    public static final int VERSION = 1;
    /** Detail of the last decision step: the command's place among the commands of its change, from 1. */
    public static final String COMMAND_INDEX_DETAIL = "commandIndex";
    /** Detail of the last decision step (and of a skipped decision): how many commands the change made. */
    public static final String COMMAND_COUNT_DETAIL = "commandCount";

    public ProvisioningCommand {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
        matching = matching == null ? List.of() : List.copyOf(matching);
        memberSourceIds = memberSourceIds == null ? List.of() : List.copyOf(memberSourceIds);
        decisionSteps = decisionSteps == null ? List.of() : List.copyOf(decisionSteps);
    }

    /** A command without the mapper's decision steps (replays of old commands, tests, benchmarks). */
    public ProvisioningCommand(int schemaVersion, String commandId, String causingEventId, String cycleId, CycleOrigin origin,
                               ObjectType objectType, String sourceObjectId, String sourceDisplayName, Operation operation,
                               List<TargetAttribute> attributes, List<MatchingAttribute> matching,
                               List<String> memberSourceIds, Instant issuedAt, String replayOf) {
        this(schemaVersion, commandId, causingEventId, cycleId, origin, objectType, sourceObjectId, sourceDisplayName,
                operation, attributes, matching, memberSourceIds, issuedAt, replayOf, List.of());
    }

    /** The same command, carrying the mapper's steps that decided it. */
    public ProvisioningCommand withDecisionSteps(List<ProvisioningStep> steps) {
        return new ProvisioningCommand(schemaVersion, commandId, causingEventId, cycleId, origin, objectType, sourceObjectId,
                sourceDisplayName, operation, attributes, matching, memberSourceIds, issuedAt, replayOf, steps);
    }

    /** The attribute mapped to {@code name}, or null. */
    public TargetAttribute attribute(String name) {
        for (TargetAttribute a : attributes) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    @Override
    public void validate() {
        Versioned.requireVersion(schemaVersion, VERSION);
        Versioned.require(commandId, "commandId");
        Versioned.require(causingEventId, "causingEventId");
        Versioned.require(cycleId, "cycleId");
        Versioned.require(objectType, "objectType");
        Versioned.require(sourceObjectId, "sourceObjectId");
        Versioned.require(operation, "operation");
        for (int i = 0; i < attributes.size(); i++) {
            TargetAttribute a = attributes.get(i);
            Versioned.requireAt(a, "attributes", i, null);
            Versioned.requireAt(a.name(), "attributes", i, "name");
            Versioned.requireAt(a.value(), "attributes", i, "value");
            Versioned.requireAt(a.flow(), "attributes", i, "flow");
        }
        for (int i = 0; i < matching.size(); i++) {
            Versioned.requireAt(matching.get(i), "matching", i, null);
            Versioned.requireAt(matching.get(i).name(), "matching", i, "name");
            Versioned.requireAt(matching.get(i).value(), "matching", i, "value");
        }
        for (int i = 0; i < decisionSteps.size(); i++) {
            Versioned.requireAt(decisionSteps.get(i), "decisionSteps", i, null);
            Versioned.requireAt(decisionSteps.get(i).name(), "decisionSteps", i, "name");
        }
        if (operation == Operation.UPSERT && attributes.isEmpty()) {
            throw new MalformedRecordException("attributes", "an upsert needs at least one attribute");
        }
        if ((operation == Operation.ADD_MEMBERS || operation == Operation.REMOVE_MEMBERS) && objectType != ObjectType.GROUP) {
            throw new MalformedRecordException("operation", operation + " applies to groups only");
        }
    }
}
