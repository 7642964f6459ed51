package io.entrascim.audit.store;

import java.util.List;
import java.util.Optional;

import io.entrascim.contracts.CycleMarker;

/** Joins cycle markers with stored results into progress figures. */
public class CycleProgressReader {

    private final CycleMarkerStore markers;
    private final SummaryRepository summaries;

    public CycleProgressReader(CycleMarkerStore markers, SummaryRepository summaries) {
        this.markers = markers;
        this.summaries = summaries;
    }

    /** The cycle that reported last: the one in progress, or the one that just ended. */
    public Optional<CycleProgress> current() {
        return markers.latest().map(this::progress);
    }

    public Optional<CycleProgress> lastSuccessful() {
        return markers.lastCompleted().map(this::progress);
    }

    public Optional<CycleProgress> of(String cycleId) {
        return markers.latestOf(cycleId).map(this::progress);
    }

    public List<CycleProgress> recent(int limit) {
        return markers.recentCycles(limit).stream().map(this::progress).toList();
    }

    private CycleProgress progress(CycleMarker latest) {
        CycleMarker first = markers.firstOf(latest.cycleId()).orElse(latest);
        long processed = summaries.processedObjects(latest.cycleId());
        Double percent = percentComplete(processed, latest.expectedObjects());
        Counts counts = summaries.counts(LogFilter.none().withCycleId(latest.cycleId()));
        return new CycleProgress(latest.cycleId(), latest.origin().name(), latest.phase().name(), first.at(), latest.at(),
                latest.phase() == CycleMarker.Phase.COMPLETED ? latest.at() : null, latest.expectedObjects(),
                latest.emittedEvents(), latest.pagesRead(), processed, percent, counts, latest.detail());
    }

    /** Null while the source has not said how many objects to expect (a mixed ternary here would unbox null). */
    static Double percentComplete(long processed, long expected) {
        if (expected < 0) {
            return null;
        }
        if (expected == 0) {
            return 100.0;
        }
        return Math.min(100.0, Math.round(1000.0 * processed / expected) / 10.0);
    }
}
