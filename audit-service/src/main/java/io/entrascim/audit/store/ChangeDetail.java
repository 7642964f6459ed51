package io.entrascim.audit.store;

import java.util.List;

/** Everything the log knows about one change: all its results in time order. */
public record ChangeDetail(String changeId, List<DetailedResult> results) {
}
