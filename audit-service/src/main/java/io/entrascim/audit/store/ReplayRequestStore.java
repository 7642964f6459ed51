package io.entrascim.audit.store;

import java.util.List;

import io.entrascim.contracts.RecordCodec;
import org.springframework.jdbc.core.JdbcTemplate;

/** Records every replay an operator triggered (who, which failures, what the sink answered). */
public class ReplayRequestStore {

    private final JdbcTemplate jdbc;

    public ReplayRequestStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String requestedBy, List<String> resultIds, boolean dryRun, Integer matched, Integer replayed,
                       String outcome) {
        jdbc.update("""
                insert into replay_request (requested_by, result_ids, dry_run, matched, replayed, outcome)
                values (?, cast(? as jsonb), ?, ?, ?, ?)""", requestedBy, RecordCodec.writeString(resultIds), dryRun,
                matched, replayed, outcome);
    }
}
