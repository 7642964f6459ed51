package io.entrascim.sink.core;

import io.entrascim.contracts.ObjectType;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Optional;

/** Durable source-id -> target-id links (table {@code scim_sink.link}); Entra object ids are unique across types. */
public final class LinkStore {

    private final JdbcTemplate jdbc;

    public LinkStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> targetId(String sourceId) {
        List<String> ids = jdbc.queryForList("select target_id from scim_sink.link where source_id = ?", String.class, sourceId);
        return ids.stream().findFirst();
    }

    public void link(String sourceId, ObjectType type, String targetId) {
        jdbc.update("""
                insert into scim_sink.link (source_id, object_type, target_id) values (?, ?, ?)
                on conflict (source_id) do update set target_id = excluded.target_id, object_type = excluded.object_type,
                    updated_at = now()""", sourceId, type.name(), targetId);
    }

    public void unlink(String sourceId) {
        jdbc.update("delete from scim_sink.link where source_id = ?", sourceId);
    }

    public int count() {
        Integer n = jdbc.queryForObject("select count(*) from scim_sink.link", Integer.class);
        return n == null ? 0 : n;
    }
}
