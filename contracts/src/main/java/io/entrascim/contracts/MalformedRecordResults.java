package io.entrascim.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the audit result for a record that could not be read, so that every consumer reports a
 * malformed record the same way: failure, error code {@code MalformedRecord}, the field and reason,
 * and where the raw record now waits (its dead-letter topic).
 */
public final class MalformedRecordResults {

    public static final String ERROR_CODE = "MalformedRecord";

    private MalformedRecordResults() {
    }

    public static ProvisioningResult of(ReportingService service, String jobId, String topic, int partition, long offset,
                                        byte[] key, MalformedRecordException error) {
        String coordinates = topic + "-" + partition + "@" + offset;
        String sourceId = key == null ? null : new String(key, StandardCharsets.UTF_8);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("topic", topic);
        details.put("partition", Integer.toString(partition));
        details.put("offset", Long.toString(offset));
        details.put("deadLetterTopic", Topics.deadLetterOf(topic));
        if (error.field() != null) {
            details.put("field", error.field());
        }
        String id = UUID.nameUUIDFromBytes(("malformed:" + coordinates).getBytes(StandardCharsets.UTF_8)).toString();
        return new ProvisioningResult(ProvisioningResult.VERSION, id, "malformed:" + coordinates, null, jobId,
                Instant.now(), 0, ProvisioningAction.OTHER, ProvisioningStatus.FAILURE, service, null,
                new Identity(sourceId, null, null), null,
                List.of(new ProvisioningStep("EntryImportMalformed", StepType.IMPORT, ProvisioningStatus.FAILURE,
                        "Record at " + coordinates + " could not be read: " + error.getMessage(), details)),
                List.of(),
                new ErrorInfo(ERROR_CODE, error.getMessage(), "kept on " + Topics.deadLetterOf(topic),
                        "nonServiceFailure", "Fix the producer, then replay the record from " + Topics.deadLetterOf(topic)),
                null);
    }
}
