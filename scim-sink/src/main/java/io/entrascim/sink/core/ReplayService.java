package io.entrascim.sink.core;

import io.entrascim.contracts.DeadLetterHeaders;
import io.entrascim.contracts.MalformedRecordException;
import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-publishes dead-lettered commands to {@code scim.commands.v1} with {@code replayOf} = the id of
 * the FAILURE result they caused. Reconciliation is idempotent, so replaying twice creates nothing twice.
 */
public final class ReplayService {

    private static final Logger log = LoggerFactory.getLogger(ReplayService.class);

    /** What a replay selected and what it re-published. */
    public record Report(boolean dryRun, int matched, int replayed, List<DeadLetterIndex.Entry> items) {
    }

    private final DeadLetterIndex index;
    private final Publisher publisher;

    public ReplayService(DeadLetterIndex index, Publisher publisher) {
        this.index = index;
        this.publisher = publisher;
    }

    public Report replay(DeadLetterIndex.Query query, boolean dryRun) {
        List<DeadLetterIndex.Entry> matched = index.find(query);
        if (dryRun) {
            return new Report(true, matched.size(), 0, matched);
        }
        List<DeadLetterIndex.Entry> replayed = new ArrayList<>();
        for (DeadLetterIndex.Entry e : matched) {
            ProvisioningCommand original;
            try {
                original = RecordCodec.read(e.payload(), ProvisioningCommand.class);
            } catch (MalformedRecordException malformed) {
                log.warn("dead letter {} is not a readable command and cannot be replayed: {}", e.resultId(), malformed.getMessage());
                continue;
            }
            ProvisioningCommand again = new ProvisioningCommand(original.schemaVersion(), original.commandId(),
                    original.causingEventId(), original.cycleId(), original.origin(), original.objectType(),
                    original.sourceObjectId(), original.sourceDisplayName(), original.operation(), original.attributes(),
                    original.matching(), original.memberSourceIds(), original.issuedAt(), e.resultId(), original.decisionSteps());
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.COMMANDS,
                    original.sourceObjectId().getBytes(StandardCharsets.UTF_8), RecordCodec.write(again));
            if (e.dltOffset() != null) {
                record.headers().add(DeadLetterHeaders.REPLAY_OF, (Topics.deadLetterOf(e.topic()) + "/" + e.dltPartition()
                        + "/" + e.dltOffset()).getBytes(StandardCharsets.UTF_8));
            }
            publisher.send(record);
            index.markReplayed(e.resultId());
            replayed.add(e);
        }
        log.info("replayed {} of {} dead-lettered command(s)", replayed.size(), matched.size());
        return new Report(false, matched.size(), replayed.size(), matched);
    }
}
