package io.entrascim.audit.store;

import java.util.List;

import io.entrascim.contracts.ProvisioningResult;

/**
 * One result of a change with its replay links in both directions.
 *
 * @param result     the full result: steps, modified properties, error
 * @param replayOf   the failure this result replays, when it is in the log (else null, see {@code result.replayOf})
 * @param replayedBy results that replay this one, oldest first
 */
public record DetailedResult(ProvisioningResult result, LinkRef replayOf, List<LinkRef> replayedBy) {
}
