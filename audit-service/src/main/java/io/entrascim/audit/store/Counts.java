package io.entrascim.audit.store;

import java.util.List;
import java.util.Map;

/**
 * Counts of results by action and status (the portal's "provisioning summary").
 *
 * @param total             all matching results
 * @param byStatus          status -> count
 * @param byAction          action -> count
 * @param byActionAndStatus every non-empty (action, status) pair
 */
public record Counts(long total, Map<String, Long> byStatus, Map<String, Long> byAction, List<Cell> byActionAndStatus) {

    public record Cell(String action, String status, long count) {
    }
}
