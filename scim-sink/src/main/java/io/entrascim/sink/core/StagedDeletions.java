package io.entrascim.sink.core;

import io.entrascim.contracts.ProvisioningCommand;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Durable store of deletions held by the {@link DeletionGuard} ({@code scim_sink.staged_deletion}), in arrival order. */
public final class StagedDeletions {

    /** One held deletion; {@code record} is the original command as read, for execution on release. */
    public record Held(long seq, String commandId, String sourceObjectId, String objectType, String operation,
                       String cycleId, String changeId, String reason, Instant stagedAt, InboundRecord record) {
    }

    private static final RowMapper<Held> ROW = (rs, n) -> new Held(rs.getLong("seq"), rs.getString("command_id"),
            rs.getString("source_object_id"), rs.getString("object_type"), rs.getString("operation"),
            rs.getString("cycle_id"), rs.getString("change_id"), rs.getString("reason"),
            rs.getTimestamp("staged_at").toInstant(),
            new InboundRecord(rs.getString("topic"), rs.getInt("kafka_partition"), rs.getLong("kafka_offset"),
                    rs.getBytes("record_key"), rs.getBytes("command")));

    private final JdbcTemplate jdbc;

    public StagedDeletions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Idempotent: a redelivered command is held once. */
    public void stage(InboundRecord r, ProvisioningCommand c, String reason, Instant at) {
        jdbc.update("""
                insert into scim_sink.staged_deletion (command_id, source_object_id, object_type, operation, cycle_id, change_id,
                  reason, staged_at, topic, kafka_partition, kafka_offset, record_key, command)
                values (?,?,?,?,?,?,?,?,?,?,?,?,?) on conflict (command_id) do nothing""",
                c.commandId(), c.sourceObjectId(), c.objectType().name(), c.operation().name(), c.cycleId(),
                c.causingEventId(), reason, Timestamp.from(at), r.topic(), r.partition(), r.offset(), r.key(), r.value());
    }

    public List<Held> list(int limit) {
        return jdbc.query("select * from scim_sink.staged_deletion order by seq limit ?", ROW, limit);
    }

    /** Held deletions of one object, oldest first. */
    public List<Held> of(String sourceObjectId) {
        return jdbc.query("select * from scim_sink.staged_deletion where source_object_id = ? order by seq", ROW, sourceObjectId);
    }

    public int count() {
        Integer n = jdbc.queryForObject("select count(*) from scim_sink.staged_deletion", Integer.class);
        return n == null ? 0 : n;
    }

    public void remove(String commandId) {
        jdbc.update("delete from scim_sink.staged_deletion where command_id = ?", commandId);
    }
}
