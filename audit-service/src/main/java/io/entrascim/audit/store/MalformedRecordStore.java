package io.entrascim.audit.store;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/** Keeps unreadable records with their raw bytes and the reason, so nothing is lost even before the DLT is read. */
public class MalformedRecordStore {

    private final JdbcTemplate jdbc;

    public MalformedRecordStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(List<MalformedRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                insert into malformed_record (id, topic, kafka_partition, kafka_offset, record_key, raw_value, reason, field)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing""", records, records.size(), (ps, r) -> {
            ps.setString(1, r.id());
            ps.setString(2, r.topic());
            ps.setInt(3, r.partition());
            ps.setLong(4, r.offset());
            ps.setBytes(5, r.key());
            ps.setBytes(6, r.value());
            ps.setString(7, r.reason());
            ps.setString(8, r.field());
        });
    }

    /** Newest first; raw bytes decoded as UTF-8 for display (invalid bytes become U+FFFD, the stored bytes stay). */
    public List<Map<String, Object>> recent(int limit) {
        return jdbc.query("""
                select id, topic, kafka_partition, kafka_offset, record_key, raw_value, reason, field, received_at
                from malformed_record order by received_at desc limit ?""", (rs, n) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", rs.getString("id"));
            row.put("topic", rs.getString("topic"));
            row.put("partition", rs.getInt("kafka_partition"));
            row.put("offset", rs.getLong("kafka_offset"));
            row.put("key", text(rs.getBytes("record_key")));
            row.put("value", text(rs.getBytes("raw_value")));
            row.put("reason", rs.getString("reason"));
            row.put("field", rs.getString("field"));
            row.put("receivedAt", rs.getTimestamp("received_at").toInstant());
            return row;
        }, limit);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
