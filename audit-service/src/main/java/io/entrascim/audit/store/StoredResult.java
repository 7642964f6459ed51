package io.entrascim.audit.store;

import io.entrascim.contracts.ProvisioningResult;

/**
 * A validated result with the exact JSON it arrived as.
 *
 * @param result  the record (already validated by {@code RecordCodec.read})
 * @param rawJson the producer's bytes as UTF-8 text
 */
public record StoredResult(ProvisioningResult result, String rawJson) {
}
