package io.entrascim.sink.core;

import io.entrascim.contracts.ObjectType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Durable source-id -> target-id links (table {@code scim_sink.link}); Entra object ids are unique across types.
 * Lookups and writes of concurrent commands are grouped ({@link GroupCommit}): one statement and, for writes,
 * one commit per batch instead of one per command. A write returns once its batch is committed (durable).
 */
public final class LinkStore {

    /** Largest batch: bounds the arrays bound to one statement. */
    static final int MAX_BATCH = 256;

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final SQLExceptionTranslator translator;
    private final GroupCommit<String, Optional<String>> lookups = new GroupCommit<>(this::lookupAll, MAX_BATCH);
    private final GroupCommit<Link, Boolean> writes = new GroupCommit<>(this::upsertAll, MAX_BATCH);

    private record Link(String sourceId, String type, String targetId) {
    }

    public LinkStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.dataSource = Objects.requireNonNull(jdbc.getDataSource(), "the JdbcTemplate has no DataSource");
        this.translator = new SQLErrorCodeSQLExceptionTranslator(dataSource);
    }

    public Optional<String> targetId(String sourceId) {
        return lookups.submit(Objects.requireNonNull(sourceId, "sourceId"));
    }

    public void link(String sourceId, ObjectType type, String targetId) {
        // Checked here, not in the batch: a bad link must fail its own command only.
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(type, "type");
        if (targetId == null || targetId.isBlank()) {
            throw new IllegalArgumentException("the target answered without an id for " + sourceId);
        }
        writes.submit(new Link(sourceId, type.name(), targetId));
    }

    public void unlink(String sourceId) {
        jdbc.update("delete from scim_sink.link where source_id = ?", sourceId);
    }

    public int count() {
        Integer n = jdbc.queryForObject("select count(*) from scim_sink.link", Integer.class);
        return n == null ? 0 : n;
    }

    // Own connection per batch (autocommit): the batch belongs to several callers, never to one caller's transaction.
    private List<Optional<String>> lookupAll(List<String> sourceIds) {
        String[] distinct = sourceIds.stream().distinct().toArray(String[]::new);
        Map<String, String> found = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select source_id, target_id from scim_sink.link where source_id = any (?)")) {
            Array ids = c.createArrayOf("text", distinct);
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getString(2));
                }
            }
            ids.free();
        } catch (SQLException e) {
            throw translate("link lookup", e);
        }
        List<Optional<String>> out = new ArrayList<>(sourceIds.size());
        for (String id : sourceIds) {
            out.add(Optional.ofNullable(found.get(id)));
        }
        return out;
    }

    private List<Boolean> upsertAll(List<Link> links) {
        // One row per source id: ON CONFLICT cannot touch the same row twice in one statement (the last write wins).
        Map<String, Link> last = new LinkedHashMap<>();
        links.forEach(l -> last.put(l.sourceId(), l));
        int n = last.size();
        String[] sources = new String[n];
        String[] types = new String[n];
        String[] targets = new String[n];
        int i = 0;
        for (Link l : last.values()) {
            sources[i] = l.sourceId();
            types[i] = l.type();
            targets[i++] = l.targetId();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into scim_sink.link (source_id, object_type, target_id)
                     select * from unnest(?::text[], ?::text[], ?::text[])
                     on conflict (source_id) do update set target_id = excluded.target_id,
                         object_type = excluded.object_type, updated_at = now()""")) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            ps.setArray(1, c.createArrayOf("text", sources));
            ps.setArray(2, c.createArrayOf("text", types));
            ps.setArray(3, c.createArrayOf("text", targets));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw translate("link write", e);
        }
        Boolean[] ok = new Boolean[links.size()];
        Arrays.fill(ok, Boolean.TRUE);
        return Arrays.asList(ok);
    }

    private RuntimeException translate(String task, SQLException e) {
        RuntimeException translated = translator.translate(task, null, e);
        return translated != null ? translated : new org.springframework.jdbc.UncategorizedSQLException(task, null, e);
    }
}
