package io.entrascim.sink.core;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/** Memberships waiting for a target id (table {@code scim_sink.parked_member}). */
public final class ParkedMembers {

    /** One parked membership with the change that asked for it. */
    public record Parked(String groupSourceId, String memberSourceId, String commandId, String changeId, String cycleId) {
    }

    private final JdbcTemplate jdbc;

    public ParkedMembers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void park(Parked p) {
        parkAll(List.of(p));
    }

    /** Parks several memberships in one statement (one commit). */
    public void parkAll(List<Parked> parked) {
        if (parked.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                insert into scim_sink.parked_member (group_source_id, member_source_id, command_id, change_id, cycle_id)
                values (?, ?, ?, ?, ?) on conflict (group_source_id, member_source_id) do update
                set command_id = excluded.command_id, change_id = excluded.change_id, cycle_id = excluded.cycle_id""",
                parked, 500, (ps, p) -> {
                    ps.setString(1, p.groupSourceId());
                    ps.setString(2, p.memberSourceId());
                    ps.setString(3, p.commandId());
                    ps.setString(4, p.changeId());
                    ps.setString(5, p.cycleId());
                });
    }

    /** Parked memberships in which {@code sourceId} is the member or the group. */
    public List<Parked> involving(String sourceId) {
        return jdbc.query("""
                select group_source_id, member_source_id, command_id, change_id, cycle_id from scim_sink.parked_member
                where member_source_id = ? or group_source_id = ? order by parked_at""",
                (rs, i) -> new Parked(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                sourceId, sourceId);
    }

    public void remove(String groupSourceId, String memberSourceId) {
        jdbc.update("delete from scim_sink.parked_member where group_source_id = ? and member_source_id = ?",
                groupSourceId, memberSourceId);
    }

    /** Forgets the parked memberships of these members in the group (they were removed at the source). */
    public void removeMembers(String groupSourceId, java.util.Collection<String> memberSourceIds) {
        if (memberSourceIds.isEmpty()) {
            return;
        }
        jdbc.update("delete from scim_sink.parked_member where group_source_id = ? and member_source_id = any (?)",
                ps -> {
                    ps.setString(1, groupSourceId);
                    ps.setArray(2, ps.getConnection().createArrayOf("text", memberSourceIds.toArray(String[]::new)));
                });
    }

    /** Drops every parked member of a group (the group is gone); returns how many. */
    public int removeGroup(String groupSourceId) {
        return jdbc.update("delete from scim_sink.parked_member where group_source_id = ?", groupSourceId);
    }

    /** All parked memberships, oldest first, with their parking time. */
    public List<Aged> all() {
        return jdbc.query("""
                select group_source_id, member_source_id, command_id, change_id, cycle_id, parked_at
                from scim_sink.parked_member order by parked_at""",
                (rs, i) -> new Aged(new Parked(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)), rs.getTimestamp(6).toInstant()));
    }

    /** A parked membership and when it was parked. */
    public record Aged(Parked parked, java.time.Instant parkedAt) {
    }

    public int count() {
        Integer n = jdbc.queryForObject("select count(*) from scim_sink.parked_member", Integer.class);
        return n == null ? 0 : n;
    }
}
