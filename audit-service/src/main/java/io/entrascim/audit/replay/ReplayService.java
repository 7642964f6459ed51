package io.entrascim.audit.replay;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.entrascim.audit.store.LinkRef;
import io.entrascim.audit.store.LogFilter;
import io.entrascim.audit.store.LogQueryRepository;
import io.entrascim.audit.store.ReplayRequestStore;

/**
 * Replay from the log: picks failures (by id or by filter), asks the sink to replay their dead letters, and
 * records who asked. The replayed outcome later arrives as a result with {@code replayOf} = the failure's id,
 * which the change detail shows in both directions.
 */
public class ReplayService {

    private final LogQueryRepository log;
    private final SinkReplayClient sink;
    private final ReplayRequestStore requests;
    private final int maxResults;

    public ReplayService(LogQueryRepository log, SinkReplayClient sink, ReplayRequestStore requests, int maxResults) {
        this.log = log;
        this.sink = sink;
        this.requests = requests;
        this.maxResults = maxResults;
    }

    /**
     * @param resultIds failure ids chosen in the log; when empty, {@code filter} selects the failures
     * @param filter    used when no ids are given (status is forced to FAILURE); at most {@code maxResults} newest
     */
    public ReplayOutcome replay(List<String> resultIds, LogFilter filter, boolean dryRun, String requestedBy) {
        List<String> selected;
        List<String> rejected = new ArrayList<>();
        if (resultIds != null && !resultIds.isEmpty()) {
            if (resultIds.size() > maxResults) {
                throw new IllegalArgumentException("resultIds: at most " + maxResults + " ids per replay");
            }
            Map<String, LinkRef> known = log.links(new LinkedHashSet<>(resultIds)).stream()
                    .collect(Collectors.toMap(LinkRef::id, Function.identity()));
            selected = new ArrayList<>();
            for (String id : new LinkedHashSet<>(resultIds)) {
                LinkRef entry = known.get(id);
                if (entry != null && "FAILURE".equals(entry.status())) {
                    selected.add(id);
                } else {
                    rejected.add(id);
                }
            }
        } else if (filter != null) {
            selected = log.failureIds(filter, maxResults);
        } else {
            throw new IllegalArgumentException("resultIds or filter: give the failures to replay");
        }
        if (selected.isEmpty()) {
            requests.record(requestedBy, List.of(), dryRun, 0, 0, "nothing to replay");
            return new ReplayOutcome(List.of(), rejected, null);
        }
        try {
            SinkReplayResponse answer = sink.replay(selected, dryRun);
            requests.record(requestedBy, selected, dryRun, answer.matched(), answer.replayed(), "sent");
            return new ReplayOutcome(selected, rejected, answer);
        } catch (SinkReplayException e) {
            requests.record(requestedBy, selected, dryRun, null, null, "failed: " + e.getMessage());
            throw e;
        }
    }
}
