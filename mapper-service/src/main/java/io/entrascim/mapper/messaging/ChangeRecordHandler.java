package io.entrascim.mapper.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.entrascim.contracts.ChangeEvent;
import io.entrascim.contracts.DeadLetterRecord;
import io.entrascim.contracts.MalformedRecordException;
import io.entrascim.contracts.MalformedRecordResults;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.ReportingService;
import io.entrascim.contracts.Topics;
import io.entrascim.mapper.mapping.ChangeMapper;
import io.entrascim.mapper.mapping.MappingOutcome;

/**
 * Turns one input record into the records to produce, in the order they must be sent. Never throws for bad data:
 * a malformed record, a mapping failure or a mapper defect becomes a dead letter plus a FAILURE result, so one bad
 * record never holds up the rest of its batch. No Kafka I/O here: the caller sends and waits for the acks.
 */
final class ChangeRecordHandler {
    private static final Logger log = LoggerFactory.getLogger(ChangeRecordHandler.class);

    /**
     * What one input record produced. {@code results} are the audit results among {@code records}, in the same order
     * as the {@code provisioning.results.v1} records (for metrics); {@code event} and {@code outcome} are null when
     * the record could not be read.
     */
    record Output(List<ProducerRecord<byte[], byte[]>> records, List<ProvisioningResult> results, boolean malformed,
                  ChangeEvent event, MappingOutcome outcome) {

        /** The result each record carries, or null for a command or dead letter: parallel to {@code records}. */
        List<ProvisioningResult> resultsByRecord() {
            List<ProvisioningResult> out = new ArrayList<>(records.size());
            int next = 0;
            for (ProducerRecord<byte[], byte[]> r : records) {
                out.add(r.topic().equals(Topics.RESULTS) && next < results.size() ? results.get(next++) : null);
            }
            return out;
        }
    }

    private final ChangeMapper mapper;
    private final String jobId;

    ChangeRecordHandler(ChangeMapper mapper, String jobId) {
        this.mapper = mapper;
        this.jobId = jobId;
    }

    Output handle(InputRecord in) {
        ChangeEvent event;
        try {
            event = RecordCodec.read(in.value(), ChangeEvent.class);
        } catch (MalformedRecordException e) {
            log.warn("Malformed record at {}-{}@{} parked on {}: {}", in.topic(), in.partition(), in.offset(),
                    Topics.deadLetterOf(in.topic()), e.getMessage());
            ProvisioningResult result = MalformedRecordResults.of(ReportingService.MAPPER_SERVICE, jobId, in.topic(),
                    in.partition(), in.offset(), in.key(), e);
            return new Output(List.of(
                    DeadLetterRecord.of(in.topic(), in.partition(), in.offset(), in.key(), in.value(),
                            DeadLetterRecord.Failure.malformed(e, ReportingService.MAPPER_SERVICE)),
                    new ProducerRecord<>(Topics.RESULTS, in.key(), RecordCodec.write(result))), List.of(result), true, null, null);
        }

        MappingOutcome outcome;
        try {
            outcome = mapper.map(event);
        } catch (RuntimeException e) {
            // A defect must not block the partition: park the event like a mapping failure and go on.
            log.error("Mapper error for event {} of {} {}", event.eventId(), event.objectType(), event.objectId(), e);
            outcome = mapper.failed(event, "MapperError", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        byte[] objectKey = event.objectId().getBytes(StandardCharsets.UTF_8);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(outcome.commands().size() + outcome.results().size() + 1);
        if (outcome.failed()) {
            log.warn("Mapping failed for {} {} (event {}), parked on {}: {}", event.objectType(), event.objectId(), event.eventId(),
                    Topics.deadLetterOf(in.topic()), outcome.failure().message());
            Instant now = Instant.now();
            records.add(DeadLetterRecord.of(in.topic(), in.partition(), in.offset(), in.key(), in.value(),
                    new DeadLetterRecord.Failure("permanent", outcome.failure().errorCode(), outcome.failure().message(),
                            null, null, null, 1, now, now, ReportingService.MAPPER_SERVICE)));
        }
        for (ProvisioningCommand c : outcome.commands()) {
            records.add(new ProducerRecord<>(Topics.COMMANDS, objectKey, RecordCodec.write(c)));
        }
        for (ProvisioningResult r : outcome.results()) {
            records.add(new ProducerRecord<>(Topics.RESULTS, objectKey, RecordCodec.write(r)));
        }
        if (log.isDebugEnabled()) {
            log.debug("Event {} of {} {} -> {} command(s), {} result(s)", event.eventId(), event.objectType(), event.objectId(),
                    outcome.commands().size(), outcome.results().size());
        }
        return new Output(records, outcome.results(), false, event, outcome);
    }
}
