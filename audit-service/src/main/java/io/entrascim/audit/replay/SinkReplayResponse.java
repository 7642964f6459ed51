package io.entrascim.audit.replay;

import java.util.List;
import java.util.Map;

/**
 * scim-sink's answer to {@code POST /api/dead-letters/replay}.
 *
 * @param dryRun   whether the sink only matched
 * @param matched  dead letters matched
 * @param replayed dead letters re-published
 * @param items    the matched dead letters (commandId, resultId, errorClass, ... as the sink documents them)
 */
public record SinkReplayResponse(boolean dryRun, int matched, int replayed, List<Map<String, Object>> items) {

    public SinkReplayResponse {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
