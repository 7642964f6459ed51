package io.entrascim.audit.ingest;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;

import java.util.ArrayList;
import java.util.List;

import io.entrascim.audit.metrics.PipelineMetrics;
import io.entrascim.audit.store.CycleMarkerStore;
import io.entrascim.audit.store.MalformedRecord;
import io.entrascim.audit.store.MalformedRecordStore;
import io.entrascim.audit.store.ResultWriter;
import io.entrascim.audit.store.StoredResult;
import io.entrascim.contracts.CycleMarker;
import io.entrascim.contracts.MalformedRecordException;
import io.entrascim.contracts.RecordCodec;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Stores one polled batch of {@code entra.cycles.v1}; unreadable markers are handled like unreadable results. */
public class CycleIngestor {

    private final CycleMarkerStore markers;
    private final ResultWriter results;
    private final MalformedRecordStore malformed;
    private final MalformedRecordHandler handler;
    private final RecordPublisher publisher;
    private final PipelineMetrics metrics;

    public CycleIngestor(CycleMarkerStore markers, ResultWriter results, MalformedRecordStore malformed,
                         MalformedRecordHandler handler, RecordPublisher publisher, PipelineMetrics metrics) {
        this.metrics = metrics;
        this.markers = markers;
        this.results = results;
        this.malformed = malformed;
        this.handler = handler;
        this.publisher = publisher;
    }

    public void ingest(List<InboundRecord> batch) {
        List<CycleMarker> good = new ArrayList<>(batch.size());
        List<MalformedRecord> bad = new ArrayList<>();
        List<StoredResult> failures = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> outgoing = new ArrayList<>();
        for (InboundRecord in : batch) {
            try {
                good.add(RecordCodec.read(in.value(), CycleMarker.class));
            } catch (MalformedRecordException e) {
                MalformedRecordHandler.Handled handled = handler.handle(in, e);
                bad.add(handled.row());
                failures.add(handled.result());
                outgoing.addAll(handled.outgoing());
            }
        }
        malformed.insert(bad);
        results.insert(failures);
        markers.insert(good);
        publisher.sendAndWait(outgoing);
        batch.stream().collect(groupingBy(InboundRecord::topic, counting()))
                .forEach((topic, n) -> metrics.recordsIn(topic, n.intValue()));
        metrics.resultsIngested(failures.stream().map(StoredResult::result).toList());
    }
}
