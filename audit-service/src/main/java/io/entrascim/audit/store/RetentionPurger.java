package io.entrascim.audit.store;

import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes entries older than a cutoff in small batches. Each batch is its own short statement, so ingestion
 * (which only inserts new rows) never waits behind one long delete.
 */
public class RetentionPurger {

    private final JdbcTemplate jdbc;

    public RetentionPurger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @return how many rows were deleted, per table
     */
    public Purged purgeOlderThan(Instant cutoff, int batchSize) {
        return new Purged(
                purge("provisioning_result", "activity_time", cutoff, batchSize),
                purge("cycle_marker", "marker_time", cutoff, batchSize),
                purge("malformed_record", "received_at", cutoff, batchSize),
                purge("replay_request", "requested_at", cutoff, batchSize));
    }

    private long purge(String table, String timeColumn, Instant cutoff, int batchSize) {
        String sql = "delete from " + table + " where ctid in (select ctid from " + table + " where " + timeColumn
                + " < ? limit ?)";
        long total = 0;
        int deleted;
        do {
            deleted = jdbc.update(sql, SqlCondition.timestamp(cutoff), batchSize);
            total += deleted;
        } while (deleted == batchSize);
        return total;
    }

    public record Purged(long results, long cycleMarkers, long malformedRecords, long replayRequests) {
    }
}
