package io.entrascim.audit.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.entrascim.audit.store.MalformedRecord;
import io.entrascim.audit.store.MalformedRecordStore;
import io.entrascim.audit.store.ResultWriter;
import io.entrascim.audit.store.StoredResult;
import io.entrascim.contracts.MalformedRecordException;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.RecordCodec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.dao.DataAccessException;

/**
 * Stores one polled batch of {@code provisioning.results.v1}: readable results in one JDBC batch, unreadable ones
 * kept raw with their reason. Returns normally only when everything is stored and published, so the binder commits
 * the offsets after the data is safe (a redelivered batch is stored again without duplicates).
 */
public class ResultIngestor {

    private final ResultWriter results;
    private final MalformedRecordStore malformed;
    private final MalformedRecordHandler handler;
    private final RecordPublisher publisher;

    public ResultIngestor(ResultWriter results, MalformedRecordStore malformed, MalformedRecordHandler handler,
                          RecordPublisher publisher) {
        this.results = results;
        this.malformed = malformed;
        this.handler = handler;
        this.publisher = publisher;
    }

    public void ingest(List<InboundRecord> batch) {
        List<StoredResult> good = new ArrayList<>(batch.size());
        List<InboundRecord> goodSources = new ArrayList<>(batch.size());
        List<MalformedRecord> bad = new ArrayList<>();
        List<StoredResult> badAudits = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> outgoing = new ArrayList<>();
        for (InboundRecord in : batch) {
            try {
                ProvisioningResult result = RecordCodec.read(in.value(), ProvisioningResult.class);
                good.add(new StoredResult(result, new String(in.value(), StandardCharsets.UTF_8)));
                goodSources.add(in);
            } catch (MalformedRecordException e) {
                park(handler.handle(in, e), bad, badAudits, outgoing);
            }
        }
        try {
            results.insert(good);
        } catch (DataAccessException e) {
            if (!DatabaseRefusal.isRefusal(e)) {
                throw e;
            }
            // some row is refused by the database: store row by row and park only the refused ones
            for (int i = 0; i < good.size(); i++) {
                try {
                    results.insert(List.of(good.get(i)));
                } catch (DataAccessException rowError) {
                    if (!DatabaseRefusal.isRefusal(rowError)) {
                        throw rowError;
                    }
                    park(handler.handle(goodSources.get(i), DatabaseRefusal.asMalformed(rowError)), bad, badAudits, outgoing);
                }
            }
        }
        malformed.insert(bad);
        results.insert(badAudits);
        publisher.sendAndWait(outgoing);
    }

    private static void park(MalformedRecordHandler.Handled handled, List<MalformedRecord> bad, List<StoredResult> audits,
                             List<ProducerRecord<byte[], byte[]>> outgoing) {
        bad.add(handled.row());
        audits.add(handled.result());
        outgoing.addAll(handled.outgoing());
    }
}
