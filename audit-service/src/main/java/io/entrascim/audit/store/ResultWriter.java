package io.entrascim.audit.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

import io.entrascim.contracts.ErrorInfo;
import io.entrascim.contracts.Identity;
import io.entrascim.contracts.ProvisioningResult;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Appends results to the log in one JDBC batch. The result id is the primary key and a redelivered result is
 * ignored ({@code ON CONFLICT DO NOTHING}), so at-least-once delivery stores each decision exactly once.
 */
public class ResultWriter {

    private static final String INSERT = """
            insert into %s (id, activity_time, change_id, cycle_id, job_id, action, status, duration_ms,
              reported_by, origin, source_id, source_display_name, source_type, target_id, target_display_name,
              target_type, error_code, error_reason, error_details, error_category, recommended_action, replay_of,
              raw_payload)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (id) do nothing""";

    private final JdbcTemplate jdbc;
    private final String insert;

    public ResultWriter(JdbcTemplate jdbc) {
        this(jdbc, "provisioning_result");
    }

    /** Writes into another table of the same shape (the benchmark measures the raw insert ceiling with it). */
    public ResultWriter(JdbcTemplate jdbc, String table) {
        this.jdbc = jdbc;
        this.insert = INSERT.formatted(table);
    }

    public void insert(List<StoredResult> results) {
        if (results.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(insert, results, results.size(), ResultWriter::bind);
    }

    static void bind(PreparedStatement ps, StoredResult stored) throws SQLException {
        ProvisioningResult r = stored.result();
        Identity source = r.sourceIdentity();
        Identity target = r.targetIdentity();
        ErrorInfo error = r.error();
        int i = 0;
        ps.setString(++i, r.id());
        ps.setTimestamp(++i, Timestamp.from(r.activityDateTime()));
        ps.setString(++i, r.changeId());
        ps.setString(++i, r.cycleId());
        ps.setString(++i, r.jobId());
        ps.setString(++i, r.action().name());
        ps.setString(++i, r.status().name());
        ps.setLong(++i, r.durationInMilliseconds());
        ps.setString(++i, r.reportedBy().name());
        ps.setString(++i, r.origin() == null ? null : r.origin().name());
        ps.setString(++i, source.id());
        ps.setString(++i, source.displayName());
        ps.setString(++i, source.identityType());
        ps.setString(++i, target == null ? null : target.id());
        ps.setString(++i, target == null ? null : target.displayName());
        ps.setString(++i, target == null ? null : target.identityType());
        ps.setString(++i, error == null ? null : error.errorCode());
        ps.setString(++i, error == null ? null : error.reason());
        ps.setString(++i, error == null ? null : error.additionalDetails());
        ps.setString(++i, error == null ? null : error.errorCategory());
        ps.setString(++i, error == null ? null : error.recommendedAction());
        ps.setString(++i, r.replayOf());
        ps.setString(++i, stored.rawJson());
    }
}
