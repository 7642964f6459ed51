package io.entrascim.audit.store;

import java.time.Instant;
import java.util.List;

/**
 * Failures sharing an error code, with the newest few as examples.
 *
 * @param errorCode null groups failures that carried no code
 */
public record FailureGroup(String errorCode, long count, List<Example> examples) {

    public record Example(String id, String changeId, Instant activityDateTime, String sourceId,
                          String sourceDisplayName, String reason) {
    }
}
