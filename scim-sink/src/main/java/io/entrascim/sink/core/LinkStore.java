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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Durable source-id -> target-id links (table {@code scim_sink.link}); Entra object ids are unique across types.
 * Lookups and writes of concurrent commands are grouped ({@link GroupCommit}): one statement and, for writes,
 * one commit per batch instead of one per command. A write returns once its batch is committed (durable).
 *
 * <p>The lookup of a command's own object ({@link #own}) and every link write also say whether any reference is
 * parked at all (a membership or a manager reference waiting for a target id), in the same statement: usually
 * none is, and then the command has nothing to resolve or forget, where asking for its own references cost two
 * more statements per command (a third of the database work of a create). When something is parked anywhere, the
 * reconciler asks precisely, as before.
 */
public final class LinkStore implements Links {

    /** Largest batch: bounds the arrays bound to one statement. */
    static final int MAX_BATCH = 256;

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final SQLExceptionTranslator translator;
    /**
     * Whether anything is parked. Deliberately not per object: per-object probes in the same statement made it
     * expensive to plan (a custom plan per execution) or, planned once on empty tables, a sequential scan per call.
     */
    private static final String ANYTHING_PARKED =
            "(exists (select 1 from scim_sink.parked_member) or exists (select 1 from scim_sink.parked_manager))";

    private final GroupCommit<String, Optional<String>> lookups = new GroupCommit<>(this::lookupAll, MAX_BATCH);
    private final GroupCommit<String, Own> ownLookups = new GroupCommit<>(this::ownAll, MAX_BATCH);
    private final GroupCommit<Link, Boolean> writes = new GroupCommit<>(this::upsertAll, MAX_BATCH);

    /** A link to write. */
    record Link(String sourceId, String type, String targetId) {

        /** Checked one by one, not in the batch: a bad link must fail its own command only. */
        static Link of(String sourceId, ObjectType type, String targetId) {
            Objects.requireNonNull(sourceId, "sourceId");
            Objects.requireNonNull(type, "type");
            if (targetId == null || targetId.isBlank()) {
                throw new IllegalArgumentException("the target answered without an id for " + sourceId);
            }
            return new Link(sourceId, type.name(), targetId);
        }
    }

    /**
     * A command's own object: its target id, if linked, and whether references may be waiting for it.
     *
     * @param referencesWaiting false = no membership or manager reference at all was parked when this was read
     * @param earlierDeliveryAt when an earlier delivery of the command's very record began (null: none known); an object
     *                          the target created since then is that delivery's create ({@link EarlierDeliveries})
     */
    public record Own(Optional<String> targetId, boolean referencesWaiting, Instant earlierDeliveryAt) {

        public Own(Optional<String> targetId, boolean referencesWaiting) {
            this(targetId, referencesWaiting, null);
        }

        Own deliveredBefore(Instant at) {
            return new Own(targetId, referencesWaiting, at);
        }
    }

    public LinkStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.dataSource = Objects.requireNonNull(jdbc.getDataSource(), "the JdbcTemplate has no DataSource");
        this.translator = new SQLErrorCodeSQLExceptionTranslator(dataSource);
    }

    @Override
    public Optional<String> targetId(String sourceId) {
        return lookups.submit(Objects.requireNonNull(sourceId, "sourceId"));
    }

    /** The link of the command's own object, with whether references may wait for it (anything parked). */
    @Override
    public Own own(String sourceId) {
        return ownLookups.submit(Objects.requireNonNull(sourceId, "sourceId"));
    }

    /**
     * The own links of several commands' objects (a polled batch) in one statement, each with whether anything is
     * parked, as {@link #own(String)} answers for one.
     */
    public Map<String, Own> own(Collection<String> sourceIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(sourceIds));
        Map<String, Own> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += MAX_BATCH) {
            List<String> slice = ids.subList(from, Math.min(ids.size(), from + MAX_BATCH));
            List<Own> read = ownAll(slice);
            for (int i = 0; i < slice.size(); i++) {
                out.put(slice.get(i), read.get(i));
            }
        }
        return out;
    }

    /** Target ids of several objects at once (a group's members): one statement; unlinked ids are absent. */
    @Override
    public Map<String, String> targetIds(Collection<String> sourceIds) {
        Map<String, String> found = new HashMap<>();
        List<String> all = List.copyOf(new LinkedHashSet<>(sourceIds));
        for (int from = 0; from < all.size(); from += MAX_BATCH * 4) {
            List<String> slice = all.subList(from, Math.min(all.size(), from + MAX_BATCH * 4));
            query("link lookup", "select source_id, target_id from scim_sink.link where source_id = any (?)",
                    slice.toArray(String[]::new), rs -> found.put(rs.getString(1), rs.getString(2)));
        }
        return found;
    }

    /**
     * Writes the link durably; true when references may be waiting for the object (something is parked), which the
     * caller then resolves now that the object has a target id.
     */
    @Override
    public boolean link(String sourceId, ObjectType type, String targetId) {
        return writes.submit(Link.of(sourceId, type, targetId));
    }

    /** Writes several links in one statement and one commit (a batch's); true when references may be waiting. */
    boolean linkAll(List<Link> links) {
        boolean parked = false;
        for (int from = 0; from < links.size(); from += MAX_BATCH) {
            parked |= upsertAll(links.subList(from, Math.min(links.size(), from + MAX_BATCH))).get(0);
        }
        return parked;
    }

    @Override
    public void unlink(String sourceId) {
        jdbc.update("delete from scim_sink.link where source_id = ?", sourceId);
    }

    public int count() {
        Integer n = jdbc.queryForObject("select count(*) from scim_sink.link", Integer.class);
        return n == null ? 0 : n;
    }

    // Own connection per batch (autocommit): the batch belongs to several callers, never to one caller's transaction.
    private List<Optional<String>> lookupAll(List<String> sourceIds) {
        Map<String, String> found = new HashMap<>();
        query("link lookup", "select source_id, target_id from scim_sink.link where source_id = any (?)",
                sourceIds.stream().distinct().toArray(String[]::new), rs -> found.put(rs.getString(1), rs.getString(2)));
        List<Optional<String>> out = new ArrayList<>(sourceIds.size());
        for (String id : sourceIds) {
            out.add(Optional.ofNullable(found.get(id)));
        }
        return out;
    }

    private List<Own> ownAll(List<String> sourceIds) {
        Map<String, String> found = new HashMap<>();
        boolean[] parked = new boolean[1];
        // the second branch adds one row without a source id when anything is parked
        query("link lookup", "select source_id, target_id from scim_sink.link where source_id = any (?) "
                        + "union all select null, null where " + ANYTHING_PARKED,
                sourceIds.stream().distinct().toArray(String[]::new), rs -> {
                    String source = rs.getString(1);
                    if (source == null) {
                        parked[0] = true;
                    } else {
                        found.put(source, rs.getString(2));
                    }
                });
        List<Own> out = new ArrayList<>(sourceIds.size());
        for (String id : sourceIds) {
            out.add(new Own(Optional.ofNullable(found.get(id)), parked[0]));
        }
        return out;
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private void query(String task, String sql, String[] ids, Row row) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Array array = c.createArrayOf("text", ids);
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
            array.free();
        } catch (SQLException e) {
            throw translate(task, e);
        }
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
        boolean parked = false;
        // The parked tables are read in the same statement (snapshot at its start): a reference parked after it is
        // found by the parking command itself, which checks again once its park is committed (Reconciler).
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     with written as (
                         insert into scim_sink.link (source_id, object_type, target_id)
                         select * from unnest(?::text[], ?::text[], ?::text[])
                         on conflict (source_id) do update set target_id = excluded.target_id,
                             object_type = excluded.object_type, updated_at = now()
                         returning 1)
                     select""" + " " + ANYTHING_PARKED)) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            ps.setArray(1, c.createArrayOf("text", sources));
            ps.setArray(2, c.createArrayOf("text", types));
            ps.setArray(3, c.createArrayOf("text", targets));
            try (ResultSet rs = ps.executeQuery()) {
                parked = rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw translate("link write", e);
        }
        Boolean[] out = new Boolean[links.size()];
        Arrays.fill(out, parked);
        return Arrays.asList(out);
    }

    private RuntimeException translate(String task, SQLException e) {
        RuntimeException translated = translator.translate(task, null, e);
        return translated != null ? translated : new org.springframework.jdbc.UncategorizedSQLException(task, null, e);
    }
}
