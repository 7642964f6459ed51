package io.entrascim.mapper.messaging;

import io.entrascim.contracts.RecordSizeLimit;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.entrascim.contracts.ChangeEvent;
import io.entrascim.contracts.DeadLetterHeaders;
import io.entrascim.contracts.DeadLetterRecord;
import io.entrascim.contracts.ErrorInfo;
import io.entrascim.contracts.Identity;
import io.entrascim.contracts.ObjectType;
import io.entrascim.contracts.ProvisioningAction;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.ProvisioningStatus;
import io.entrascim.contracts.ProvisioningStep;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.ReportingService;
import io.entrascim.contracts.StepType;
import io.entrascim.contracts.TargetAttribute;
import io.entrascim.contracts.Topics;
import io.entrascim.mapper.messaging.ChangeRecordHandler.Output;

/**
 * Parks a change event whose output Kafka can never accept instead of failing its batch: a record over the producer's
 * {@code max.request.size} or the broker's {@code max.message.bytes} fails the same way on every redelivery, so a
 * retry would stop the partition for every object on it. The event goes to its dead-letter topic (cut to fit when it
 * is itself too large) and a FAILURE result says what was too large, how big, and which attribute made it so.
 * Values never appear in the reason, only names and sizes (an attribute may be redacted).
 */
final class OversizedEvents {
    static final String ERROR_CODE = "RecordTooLarge";
    static final String INVALID_CODE = "InvalidRecord";
    private static final Logger log = LoggerFactory.getLogger(OversizedEvents.class);
    private static final int MAX_NAME_CHARS = 256;

    /**
     * What Kafka refused: the output's topic, its size as the producer measures it, why (the limit it broke), and the
     * error code of the audit result ({@value #ERROR_CODE}, or {@value #INVALID_CODE} for a record the broker rejects).
     */
    record TooLarge(String topic, int bytes, String why, String errorCode) {
        String describe() {
            return "the " + topic + " record of " + size(bytes) + " " + why;
        }
    }

    private final RecordSizeLimit limit;
    private final String jobId;

    OversizedEvents(RecordSizeLimit limit, String jobId) {
        this.limit = limit;
        this.jobId = jobId;
    }

    /**
     * Before sending: the handler's output as is when every record fits the producer's limit (dead letters cut to
     * fit), else the parked event. All or nothing per event: sending part of it (a group's member changes without
     * its upsert, a skipped result for members whose group upsert never went out) would misstate what happened to the
     * target.
     */
    Output guard(InputRecord in, Output out) {
        boolean deadLetterTooLarge = false;
        for (ProducerRecord<byte[], byte[]> r : out.records()) {
            if (limit.fits(r)) {
                continue;
            }
            if (!isDeadLetter(r)) {
                return park(in, out, new TooLarge(r.topic(), limit.sizeOf(r),
                        "exceeds the producer's max.request.size of " + size(limit.maxBytes()), ERROR_CODE));
            }
            deadLetterTooLarge = true;
        }
        if (!deadLetterTooLarge) {
            return out;
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(out.records().size());
        for (ProducerRecord<byte[], byte[]> r : out.records()) {
            records.add(isDeadLetter(r) ? fitDeadLetter(in, r) : r);
        }
        return new Output(records, out.results(), out.malformed(), out.event(), out.outcome());
    }

    /** After Kafka refused one of the event's records for good although it passed {@link #guard}. */
    TooLarge refused(ProducerRecord<byte[], byte[]> r, Throwable cause) {
        boolean tooLarge = cause instanceof RecordTooLargeException;
        return new TooLarge(r.topic(), limit.sizeOf(r), "was refused by Kafka: " + cause.getClass().getSimpleName() + ": "
                + cause.getMessage() + (tooLarge ? " (the broker's message.max.bytes or the topic's max.message.bytes is"
                + " below the producer's max.request.size of " + size(limit.maxBytes()) + ")" : ""),
                tooLarge ? ERROR_CODE : INVALID_CODE);
    }

    /** The event's dead letter and FAILURE result, replacing whatever it would have produced. */
    Output park(InputRecord in, Output out, TooLarge what) {
        Largest largest = largestAttribute(out);
        String reason = what.describe() + (largest == null ? "" : "; largest " + largest.describe());
        String coordinates = in.topic() + "-" + in.partition() + "@" + in.offset();
        String dlt = Topics.deadLetterOf(in.topic());
        log.warn("Record too large for Kafka from {} (event {}), parked on {}: {}", coordinates,
                out.event() == null ? "unreadable" : out.event().eventId(), dlt, reason);
        Instant now = Instant.now();
        ProducerRecord<byte[], byte[]> parked = fitDeadLetter(in, DeadLetterRecord.of(in.topic(), in.partition(), in.offset(),
                in.key(), in.value(), new DeadLetterRecord.Failure("permanent", what.errorCode(), reason, null, null, null, 1, now, now,
                        ReportingService.MAPPER_SERVICE)));
        ProvisioningResult result = result(in, out.event(), what, largest, reason, coordinates, now);
        byte[] key = out.event() == null ? in.key() : out.event().objectId().getBytes(StandardCharsets.UTF_8);
        return new Output(List.of(parked, new ProducerRecord<>(Topics.RESULTS, key, RecordCodec.write(result))),
                List.of(result), out.malformed(), out.event(), null);
    }

    /**
     * A dead letter that does not fit keeps the longest prefix of its value that does, and says so in its reason and in
     * {@link RecordSizeLimit#TRUNCATED_HEADER}: parking something is better than blocking the partition, and the
     * complete record stays on the input topic (at the coordinates in the headers) until retention.
     */
    private ProducerRecord<byte[], byte[]> fitDeadLetter(InputRecord in, ProducerRecord<byte[], byte[]> r) {
        if (limit.fits(r)) {
            return r;
        }
        String reason = DeadLetterRecord.header(r.headers(), DeadLetterHeaders.ERROR_REASON);
        r.headers().remove(DeadLetterHeaders.ERROR_REASON);
        r.headers().add(DeadLetterHeaders.ERROR_REASON, ((reason == null ? "" : reason + "; ")
                + "the dead-lettered value is cut to its first bytes that fit (header " + RecordSizeLimit.TRUNCATED_HEADER
                + ") and cannot be replayed as is: the complete record is at " + in.topic() + "-" + in.partition() + "@"
                + in.offset() + " until retention").getBytes(StandardCharsets.UTF_8));
        return limit.truncateValueToFit(r);
    }

    /**
     * A dead letter Kafka refused although it fits the producer's limit (a dead-letter topic with a smaller
     * {@code max.message.bytes} than its input topic): the same headers with an empty value, so the partition still
     * moves and the dead-letter topic still says what failed and where the complete record is.
     */
    ProducerRecord<byte[], byte[]> withoutValue(InputRecord in, ProducerRecord<byte[], byte[]> deadLetter, Throwable cause) {
        ProducerRecord<byte[], byte[]> r = RecordSizeLimit.withValuePrefix(deadLetter, 0);
        String reason = DeadLetterRecord.header(r.headers(), DeadLetterHeaders.ERROR_REASON);
        r.headers().remove(DeadLetterHeaders.ERROR_REASON);
        r.headers().add(DeadLetterHeaders.ERROR_REASON, ((reason == null ? "" : reason + "; ") + "the dead-letter topic refused"
                + " the value itself (" + cause.getClass().getSimpleName() + "), so only these headers are kept: the complete"
                + " record is at " + in.topic() + "-" + in.partition() + "@" + in.offset() + " until retention")
                .getBytes(StandardCharsets.UTF_8));
        return r;
    }

    private ProvisioningResult result(InputRecord in, ChangeEvent e, TooLarge what, Largest largest, String reason,
                                      String coordinates, Instant now) {
        String dlt = Topics.deadLetterOf(in.topic());
        String changeId = e == null ? "malformed:" + coordinates : e.eventId();
        String id = UUID.nameUUIDFromBytes(("mapper-service:" + changeId + ":record-too-large").getBytes(StandardCharsets.UTF_8))
                .toString();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("topic", what.topic());
        details.put("recordBytes", Integer.toString(what.bytes()));
        details.put("maxRequestSize", Integer.toString(limit.maxBytes()));
        if (largest != null) {
            details.put("attribute", largest.name());
            details.put("attributeBytes", Long.toString(largest.bytes()));
        }
        details.put("deadLetterTopic", dlt);
        details.put("input", coordinates);
        String type = e == null ? null : e.objectType() == ObjectType.USER ? "User" : "Group";
        Identity source = e == null ? new Identity(in.key() == null ? null : cut(new String(in.key(), StandardCharsets.UTF_8)), null, null)
                : new Identity(e.objectId(), name(e), type);
        String attribute = largest == null ? "the event" : "attribute '" + largest.name() + "'";
        return new ProvisioningResult(ProvisioningResult.VERSION, id, changeId, e == null ? null : e.cycleId(), jobId, now, 0,
                ProvisioningAction.OTHER, ProvisioningStatus.FAILURE, ReportingService.MAPPER_SERVICE, e == null ? null : e.origin(),
                source, new Identity(null, null, type),
                List.of(new ProvisioningStep("EntryExportRecordTooLarge", StepType.EXPORT, ProvisioningStatus.FAILURE,
                        "Too large for Kafka: " + reason, details)),
                List.of(),
                new ErrorInfo(what.errorCode(), reason, "event kept on " + dlt + "; input " + coordinates, "nonServiceFailure",
                        "Shorten the source value of " + attribute + " in Entra (the object's next change is mapped as usual),"
                                + " or raise max.request.size and the topics' max.message.bytes and replay the event from "
                                + dlt + " if no newer change of the object was provisioned since"),
                null);
    }

    /** The attribute with the largest JSON value: of the commands when there are any, else of the source event. */
    private static Largest largestAttribute(Output out) {
        Largest best = null;
        if (out.outcome() != null) {
            for (ProvisioningCommand c : out.outcome().commands()) {
                for (TargetAttribute a : c.attributes()) {
                    best = larger(best, new Largest("attribute", a.name(), jsonBytes(a.value())));
                }
                if (!c.memberSourceIds().isEmpty()) {
                    best = larger(best, new Largest("attribute", "members (" + c.memberSourceIds().size() + " ids)",
                            jsonBytes(c.memberSourceIds())));
                }
            }
        }
        if (best == null && out.event() != null) {
            for (Map.Entry<String, Object> a : out.event().attributes().entrySet()) {
                best = larger(best, new Largest("source attribute", a.getKey(), jsonBytes(a.getValue())));
            }
            if (!out.event().memberChanges().isEmpty()) {
                best = larger(best, new Largest("source attribute", "memberChanges (" + out.event().memberChanges().size()
                        + " changes)", jsonBytes(out.event().memberChanges())));
            }
        }
        return best;
    }

    private record Largest(String kind, String name, long bytes) {
        String describe() {
            return kind + ": " + name + " (" + size(bytes) + ")";
        }
    }

    private static Largest larger(Largest a, Largest b) {
        return a == null || b.bytes() > a.bytes() ? b : a;
    }

    private static long jsonBytes(Object value) {
        return value == null ? 4 : RecordCodec.mapper().writeValueAsBytes(value).length;
    }

    private static boolean isDeadLetter(ProducerRecord<byte[], byte[]> r) {
        return r.topic().endsWith(".dlt");
    }

    /** The result must fit even when the object's name is what made the event too large. */
    private static String name(ChangeEvent e) {
        Object n = e.objectType() == ObjectType.USER ? e.attributes().get("userPrincipalName") : e.attributes().get("displayName");
        return n == null ? null : cut(n.toString());
    }

    private static String cut(String s) {
        return s.length() <= MAX_NAME_CHARS ? s : s.substring(0, MAX_NAME_CHARS) + "… (" + s.length() + " characters)";
    }

    static String size(long n) {
        return String.format(Locale.ROOT, "%,d bytes", n);
    }
}
