package io.entrascim.audit.ingest;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.entrascim.audit.metrics.PipelineMetrics;
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
    private final PipelineMetrics metrics;

    public ResultIngestor(ResultWriter results, MalformedRecordStore malformed, MalformedRecordHandler handler,
                          RecordPublisher publisher, PipelineMetrics metrics) {
        this.results = results;
        this.malformed = malformed;
        this.handler = handler;
        this.publisher = publisher;
        this.metrics = metrics;
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
        List<ProvisioningResult> stored = new ArrayList<>(good.size() + badAudits.size());
        try {
            results.insert(good);
            good.forEach(g -> stored.add(g.result()));
        } catch (DataAccessException e) {
            if (!DatabaseRefusal.isRefusal(e)) {
                throw e;
            }
            // some row is refused by the database: store row by row and park only the refused ones
            for (int i = 0; i < good.size(); i++) {
                try {
                    results.insert(List.of(good.get(i)));
                    stored.add(good.get(i).result());
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
        badAudits.forEach(b -> stored.add(b.result()));
        publisher.sendAndWait(outgoing);
        batch.stream().collect(groupingBy(InboundRecord::topic, counting()))
                .forEach((topic, n) -> metrics.recordsIn(topic, n.intValue()));
        metrics.resultsIngested(stored);
    }

    private static void park(MalformedRecordHandler.Handled handled, List<MalformedRecord> bad, List<StoredResult> audits,
                             List<ProducerRecord<byte[], byte[]>> outgoing) {
        bad.add(handled.row());
        audits.add(handled.result());
        outgoing.addAll(handled.outgoing());
    }
}
