package io.entrascim.sink.core;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/** Manager references waiting for the manager's target id (table {@code scim_sink.parked_manager}). */
public final class ParkedManagers {

    /** A user's manager reference, with the change that asked for it. */
    public record Parked(String userSourceId, String managerSourceId, String commandId, String changeId, String cycleId,
                         java.time.Instant parkedAt) {
    }

    private static final String COLUMNS = "user_source_id, manager_source_id, command_id, change_id, cycle_id, parked_at";

    private final JdbcTemplate jdbc;
    /**
     * False only while this instance knows the table is empty: every user upsert forgets a parked manager,
     * and parking is rare, so the usual upsert costs no extra database round trip.
     */
    private volatile boolean maybeAny;

    public ParkedManagers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.maybeAny = count() > 0;
    }

    /** Parks (or replaces: one manager per user) the reference; keeps the first parking time for the same manager. */
    public void park(String userSourceId, String managerSourceId, String commandId, String changeId, String cycleId) {
        maybeAny = true;
        jdbc.update("""
                insert into scim_sink.parked_manager (user_source_id, manager_source_id, command_id, change_id, cycle_id)
                values (?, ?, ?, ?, ?) on conflict (user_source_id) do update
                set manager_source_id = excluded.manager_source_id, command_id = excluded.command_id,
                    change_id = excluded.change_id, cycle_id = excluded.cycle_id,
                    parked_at = case when parked_manager.manager_source_id = excluded.manager_source_id
                                     then parked_manager.parked_at else now() end""",
                userSourceId, managerSourceId, commandId, changeId, cycleId);
        maybeAny = true;
    }

    /** References in which {@code sourceId} is the manager or the user. */
    public List<Parked> involving(String sourceId) {
        if (!maybeAny) {
            return List.of();
        }
        return jdbc.query("select " + COLUMNS + " from scim_sink.parked_manager where manager_source_id = ? or user_source_id = ?"
                + " order by parked_at", ParkedManagers::row, sourceId, sourceId);
    }

    public List<Parked> all() {
        return jdbc.query("select " + COLUMNS + " from scim_sink.parked_manager order by parked_at", ParkedManagers::row);
    }

    /** Removes the user's reference only if it still names {@code managerSourceId} (a newer one may have replaced it). */
    public int remove(String userSourceId, String managerSourceId) {
        int n = jdbc.update("delete from scim_sink.parked_manager where user_source_id = ? and manager_source_id = ?",
                userSourceId, managerSourceId);
        if (n > 0) {
            maybeAny = count() > 0;
        }
        return n;
    }

    /** @return how many were removed (0 or 1) */
    public int removeFor(String userSourceId) {
        if (!maybeAny) {
            return 0;
        }
        int n = jdbc.update("delete from scim_sink.parked_manager where user_source_id = ?", userSourceId);
        if (n > 0) {
            maybeAny = count() > 0;
        }
        return n;
    }

    public int count() {
        Integer n = jdbc.queryForObject("select count(*) from scim_sink.parked_manager", Integer.class);
        return n == null ? 0 : n;
    }

    private static Parked row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Parked(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant());
    }
}
