package io.entrascim.audit.replay;

import java.util.List;

/**
 * @param requested failure result ids sent to the sink
 * @param rejected  ids asked for that are not failures in the log (unknown, or not a failure), not sent
 * @param sink      the sink's answer, null when nothing was sent
 */
public record ReplayOutcome(List<String> requested, List<String> rejected, SinkReplayResponse sink) {
}
