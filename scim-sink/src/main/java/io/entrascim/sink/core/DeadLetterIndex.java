package io.entrascim.sink.core;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Searchable index of the commands the sink parked on the dead-letter topic (table {@code scim_sink.dead_letter}). */
public final class DeadLetterIndex {

    /** One parked command, shaped as the cross-service contract's item (plus the raw command for replay). */
    public record Entry(String commandId, String sourceObjectId, String operation, String errorClass, String errorCode,
                        String reason, Integer httpStatus, int attempts, Instant firstFailureAt, Instant lastFailureAt,
                        String topic, int partition, long offset, String resultId, byte[] payload,
                        Integer dltPartition, Long dltOffset) {
    }

    /** Selection criteria; null fields do not filter. */
    public record Query(Instant from, Instant to, List<String> sourceObjectIds, List<String> commandIds,
                        List<String> resultIds, String errorClass, Integer httpStatus, int limit) {
    }

    private static final RowMapper<Entry> ROW = (rs, i) -> new Entry(rs.getString("command_id"),
            rs.getString("source_object_id"), rs.getString("operation"), rs.getString("error_class"),
            rs.getString("error_code"), rs.getString("reason"), (Integer) rs.getObject("http_status"),
            rs.getInt("attempts"), instant(rs.getTimestamp("first_failure_at")), instant(rs.getTimestamp("last_failure_at")),
            rs.getString("topic"), rs.getInt("partition_no"), rs.getLong("offset_no"), rs.getString("result_id"),
            rs.getBytes("payload"), (Integer) rs.getObject("dlt_partition"), (Long) rs.getObject("dlt_offset"));

    private final JdbcTemplate jdbc;

    public DeadLetterIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(Entry e, String scimType) {
        jdbc.update("""
                insert into scim_sink.dead_letter (result_id, command_id, source_object_id, operation, error_class, error_code,
                    reason, http_status, scim_type, attempts, first_failure_at, last_failure_at, topic, partition_no, offset_no, payload,
                    dlt_partition, dlt_offset)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (result_id) do update set attempts = excluded.attempts, last_failure_at = excluded.last_failure_at""",
                e.resultId(), e.commandId(), e.sourceObjectId(), e.operation(), e.errorClass(), e.errorCode(), e.reason(),
                e.httpStatus(), scimType, e.attempts(), ts(e.firstFailureAt()), ts(e.lastFailureAt()), e.topic(), e.partition(),
                e.offset(), e.payload(), e.dltPartition(), e.dltOffset());
    }

    public List<Entry> find(Query q) {
        StringBuilder sql = new StringBuilder("select * from scim_sink.dead_letter where 1=1");
        List<Object> args = new ArrayList<>();
        if (q.from() != null) {
            sql.append(" and last_failure_at >= ?");
            args.add(ts(q.from()));
        }
        if (q.to() != null) {
            sql.append(" and last_failure_at < ?");
            args.add(ts(q.to()));
        }
        in(sql, args, "source_object_id", q.sourceObjectIds());
        in(sql, args, "command_id", q.commandIds());
        in(sql, args, "result_id", q.resultIds());
        if (q.errorClass() != null) {
            sql.append(" and error_class = ?");
            args.add(q.errorClass());
        }
        if (q.httpStatus() != null) {
            sql.append(" and http_status = ?");
            args.add(q.httpStatus());
        }
        sql.append(" order by last_failure_at desc limit ?");
        args.add(q.limit());
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    /** Dead-lettered commands indexed (replayed ones included: the dead letter stays on the topic). */
    public long count() {
        Long n = jdbc.queryForObject("select count(*) from scim_sink.dead_letter", Long.class);
        return n == null ? 0 : n;
    }

    public void markReplayed(String resultId) {
        jdbc.update("update scim_sink.dead_letter set replay_count = replay_count + 1, last_replayed_at = now() where result_id = ?",
                resultId);
    }

    private static void in(StringBuilder sql, List<Object> args, String column, List<String> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        sql.append(" and ").append(column).append(" in (").append("?,".repeat(values.size() - 1)).append("?)");
        args.addAll(values);
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
