package io.entrascim.audit.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.entrascim.audit.store.MalformedRecord;
import io.entrascim.audit.store.StoredResult;
import io.entrascim.contracts.DeadLetterRecord;
import io.entrascim.contracts.MalformedRecordException;
import io.entrascim.contracts.MalformedRecordResults;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.ReportingService;
import io.entrascim.contracts.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the audit service does with a record it cannot read: keep the raw bytes and reason in PostgreSQL, park the
 * record on the dead-letter topic, and audit the failure (a FAILURE result, stored directly and published on
 * {@link Topics#RESULTS} like every other consumer does).
 */
public class MalformedRecordHandler {

    private static final Logger log = LoggerFactory.getLogger(MalformedRecordHandler.class);

    private final String jobId;

    public MalformedRecordHandler(String jobId) {
        this.jobId = jobId;
    }

    /** Everything to keep and send for one unreadable record. */
    public Handled handle(InboundRecord in, MalformedRecordException e) {
        // the reason names the field; the payload itself is not logged (it is kept in the database and on the DLT)
        log.warn("Malformed record on {}-{}@{} kept in malformed_record and sent to {}: {}", in.topic(), in.partition(),
                in.offset(), Topics.deadLetterOf(in.topic()), e.getMessage());
        String id = UUID.nameUUIDFromBytes((in.topic() + "-" + in.partition() + "@" + in.offset())
                .getBytes(StandardCharsets.UTF_8)).toString();
        MalformedRecord row = new MalformedRecord(id, in.topic(), in.partition(), in.offset(), in.key(), in.value(),
                e.getMessage(), e.field());
        ProvisioningResult result = MalformedRecordResults.of(ReportingService.AUDIT_SERVICE, jobId, in.topic(),
                in.partition(), in.offset(), in.key(), e);
        byte[] resultBytes = RecordCodec.write(result);
        ProducerRecord<byte[], byte[]> deadLetter = DeadLetterRecord.of(in.topic(), in.partition(), in.offset(), in.key(),
                in.value(), DeadLetterRecord.Failure.malformed(e, ReportingService.AUDIT_SERVICE));
        ProducerRecord<byte[], byte[]> audit = new ProducerRecord<>(Topics.RESULTS, in.key(), resultBytes);
        return new Handled(row, new StoredResult(result, new String(resultBytes, StandardCharsets.UTF_8)),
                List.of(deadLetter, audit));
    }

    /**
     * @param row      the raw record and reason for {@code malformed_record}
     * @param result   the FAILURE result for the log
     * @param outgoing dead-letter record and result record to publish
     */
    public record Handled(MalformedRecord row, StoredResult result, List<ProducerRecord<byte[], byte[]>> outgoing) {
    }
}
