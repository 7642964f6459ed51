package io.entrascim.source;

import io.entrascim.contracts.RecordSizeLimit;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;

import io.entrascim.contracts.ChangeEvent;
import io.entrascim.contracts.DeadLetterRecord;
import io.entrascim.contracts.ErrorInfo;
import io.entrascim.contracts.Identity;
import io.entrascim.contracts.ObjectType;
import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.ProvisioningStep;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.ReportingService;
import io.entrascim.contracts.StepType;
import io.entrascim.contracts.Topics;

/**
 * What to publish instead of a change event Kafka can never accept (over the producer's {@code max.request.size} or
 * the broker's {@code max.message.bytes}): a send that fails the same way on every retry would fail the cycle at
 * that page forever, since the next cycle resumes from the same checkpoint, and no later change of the tenant would
 * ever be published. Instead the event goes to {@code entra.changes.v1.dlt} (cut to fit: it is too large by
 * definition) and a FAILURE result names the object and the attribute that made it too large, so the page can be
 * checkpointed without losing the object silently. Values never appear in the reason, only names and sizes.
 */
final class OversizedEvents {
    static final String ERROR_CODE = "RecordTooLarge";
    static final String INVALID_CODE = "InvalidRecord";
    private static final int MAX_NAME_CHARS = 256;

    private final RecordSizeLimit limit;
    private final String jobId;
    private final Clock clock;

    OversizedEvents(RecordSizeLimit limit, String jobId, Clock clock) {
        this.limit = limit;
        this.jobId = jobId;
        this.clock = clock;
    }

    RecordSizeLimit limit() {
        return limit;
    }

    /** Before sending: the event's record is over the producer's limit. */
    List<ProducerRecord<byte[], byte[]>> overLimit(ChangeEvent e, ProducerRecord<byte[], byte[]> record) {
        return park(e, record, "exceeds the producer's max.request.size of " + size(limit.maxBytes()), ERROR_CODE);
    }

    /** After Kafka refused the event's record for good although it passed the producer's check. */
    List<ProducerRecord<byte[], byte[]>> refused(ChangeEvent e, ProducerRecord<byte[], byte[]> record, Throwable cause) {
        boolean tooLarge = cause instanceof RecordTooLargeException;
        return park(e, record, "was refused by Kafka: " + cause.getClass().getSimpleName() + ": " + cause.getMessage()
                + (tooLarge ? " (the broker's message.max.bytes or the topic's max.message.bytes is below the producer's"
                + " max.request.size of " + size(limit.maxBytes()) + ")" : ""), tooLarge ? ERROR_CODE : INVALID_CODE);
    }

    /** The dead letter (cut to fit) and the FAILURE result, in that order. */
    private List<ProducerRecord<byte[], byte[]>> park(ChangeEvent e, ProducerRecord<byte[], byte[]> record, String why,
                                                      String errorCode) {
        Instant now = clock.instant();
        Map.Entry<String, Long> largest = largestAttribute(e);
        String reason = "the " + Topics.CHANGES + " record of " + size(limit.sizeOf(record)) + " for " + e.objectType() + " "
                + e.objectId() + " " + why + (largest == null ? "" : "; largest attribute: " + largest.getKey() + " ("
                + size(largest.getValue()) + ")") + "; not published";
        ProducerRecord<byte[], byte[]> dlt = DeadLetterRecord.of(Topics.CHANGES, -1, -1, record.key(), record.value(),
                new DeadLetterRecord.Failure("permanent", errorCode, reason, null, null, null, 1, now, now,
                        ReportingService.SOURCE_CONNECTOR));
        if (!limit.fits(dlt)) {
            dlt = DeadLetterRecord.of(Topics.CHANGES, -1, -1, record.key(), record.value(),
                    new DeadLetterRecord.Failure("permanent", errorCode, reason + "; the dead-lettered event is cut to its"
                            + " first bytes that fit (header " + RecordSizeLimit.TRUNCATED_HEADER + ") and cannot be"
                            + " replayed as is", null, null, null, 1, now, now, ReportingService.SOURCE_CONNECTOR));
            dlt = limit.truncateValueToFit(dlt);
        }
        return List.of(dlt, new ProducerRecord<>(Topics.RESULTS, record.key(), RecordCodec.write(result(e, largest, reason,
                errorCode, now))));
    }

    private ProvisioningResult result(ChangeEvent e, Map.Entry<String, Long> largest, String reason, String errorCode,
                                      Instant now) {
        String dlt = Topics.deadLetterOf(Topics.CHANGES);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("maxRequestSize", Integer.toString(limit.maxBytes()));
        if (largest != null) {
            details.put("attribute", largest.getKey());
            details.put("attributeBytes", Long.toString(largest.getValue()));
        }
        details.put("deadLetterTopic", dlt);
        String type = e.objectType() == ObjectType.USER ? "User" : "Group";
        Object name = e.objectType() == ObjectType.USER ? e.attributes().get("userPrincipalName") : e.attributes().get("displayName");
        String attribute = largest == null ? "the object" : "attribute '" + largest.getKey() + "'";
        String id = UUID.nameUUIDFromBytes(("source-connector:" + e.eventId() + ":record-too-large")
                .getBytes(StandardCharsets.UTF_8)).toString();
        return new ProvisioningResult(ProvisioningResult.VERSION, id, e.eventId(), e.cycleId(), jobId, now, 0,
                ProvisioningAction.OTHER, ProvisioningStatus.FAILURE, ReportingService.SOURCE_CONNECTOR, e.origin(),
                new Identity(e.objectId(), name == null ? null : cut(name.toString()), type), new Identity(null, null, type),
                List.of(new ProvisioningStep("EntryImportRecordTooLarge", StepType.IMPORT, ProvisioningStatus.FAILURE,
                        "Too large for Kafka: " + reason, details)),
                List.of(),
                new ErrorInfo(errorCode, reason, "event kept (cut to fit) on " + dlt + "; the cycle went on without it",
                        "nonServiceFailure", "Shorten " + attribute + " of " + type + " " + e.objectId() + " in Entra: its next"
                        + " change is published as usual (or raise max.request.size and the topics' max.message.bytes and"
                        + " provision it on demand)"),
                null);
    }

    /** The source attribute (or member list) with the largest JSON value. */
    private static Map.Entry<String, Long> largestAttribute(ChangeEvent e) {
        Map.Entry<String, Long> best = null;
        for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
            long bytes = jsonBytes(a.getValue());
            if (best == null || bytes > best.getValue()) {
                best = Map.entry(a.getKey(), bytes);
            }
        }
        if (!e.memberChanges().isEmpty()) {
            long bytes = jsonBytes(e.memberChanges());
            if (best == null || bytes > best.getValue()) {
                best = Map.entry("memberChanges (" + e.memberChanges().size() + " changes)", bytes);
            }
        }
        return best;
    }

    private static long jsonBytes(Object value) {
        return value == null ? 4 : RecordCodec.mapper().writeValueAsBytes(value).length;
    }

    /** The result must fit even when the object's name is what made the event too large. */
    private static String cut(String s) {
        return s.length() <= MAX_NAME_CHARS ? s : s.substring(0, MAX_NAME_CHARS) + "… (" + s.length() + " characters)";
    }

    static String size(long n) {
        return String.format(Locale.ROOT, "%,d bytes", n);
    }
}
