package io.entrascim.mapper.mapping;

import java.util.List;

import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.mapper.scoping.ScopingDecision;

/**
 * What one change event turns into.
 *
 * @param commands commands for scim-sink, in the order they must be applied, each carrying the steps that decided it
 *                 (scim-sink's result for it starts with them)
 * @param results  audit results of the decisions that make no command (skipped, failed)
 * @param failure  non-null when mapping failed: the event must be dead-lettered so it stays replayable
 * @param scoping  the scoping decision, or null when none was made (hard delete, no mapping)
 */
public record MappingOutcome(List<ProvisioningCommand> commands, List<ProvisioningResult> results, Failure failure,
                             ScopingDecision scoping) {

    public MappingOutcome {
        commands = List.copyOf(commands);
        results = List.copyOf(results);
    }

    public boolean failed() {
        return failure != null;
    }

    /** Why mapping failed, without secrets. */
    public record Failure(String errorCode, String attribute, String expression, String reason) {
        public String message() {
            return "attribute '" + attribute + "' (expression " + expression + "): " + reason;
        }
    }
}
