package io.entrascim.audit.store;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import io.entrascim.contracts.CycleMarker;
import io.entrascim.contracts.CycleOrigin;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** Cycle markers from the source-connector; the same marker delivered twice is stored once. */
public class CycleMarkerStore {

    private static final String INSERT = """
            insert into cycle_marker (cycle_id, phase, marker_time, origin, expected_objects, emitted_events, pages_read, detail)
            values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""";

    private static final String COLUMNS = "cycle_id, phase, marker_time, origin, expected_objects, emitted_events, pages_read, detail";

    private static final RowMapper<CycleMarker> MAPPER = (rs, n) -> new CycleMarker(CycleMarker.VERSION,
            rs.getString("cycle_id"), CycleOrigin.valueOf(rs.getString("origin")),
            CycleMarker.Phase.valueOf(rs.getString("phase")), rs.getTimestamp("marker_time").toInstant(),
            rs.getLong("expected_objects"), rs.getLong("emitted_events"), rs.getLong("pages_read"), rs.getString("detail"));

    private final JdbcTemplate jdbc;

    public CycleMarkerStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(List<CycleMarker> markers) {
        if (markers.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, markers, markers.size(), (ps, m) -> {
            ps.setString(1, m.cycleId());
            ps.setString(2, m.phase().name());
            ps.setTimestamp(3, Timestamp.from(m.at()));
            ps.setString(4, m.origin().name());
            ps.setLong(5, m.expectedObjects());
            ps.setLong(6, m.emittedEvents());
            ps.setLong(7, m.pagesRead());
            ps.setString(8, m.detail());
        });
    }

    /** The newest marker of the cycle that reported last (the one in progress, or the last one run). */
    public Optional<CycleMarker> latest() {
        return jdbc.query("select " + COLUMNS + " from cycle_marker order by marker_time desc, phase limit 1", MAPPER)
                .stream().findFirst();
    }

    /** The newest marker of one cycle. */
    public Optional<CycleMarker> latestOf(String cycleId) {
        return jdbc.query("select " + COLUMNS + " from cycle_marker where cycle_id = ? order by marker_time desc limit 1",
                MAPPER, cycleId).stream().findFirst();
    }

    /** The first marker of one cycle (its start, when the STARTED marker arrived). */
    public Optional<CycleMarker> firstOf(String cycleId) {
        return jdbc.query("select " + COLUMNS + " from cycle_marker where cycle_id = ? order by marker_time limit 1",
                MAPPER, cycleId).stream().findFirst();
    }

    /** The COMPLETED marker of the cycle that finished last. */
    public Optional<CycleMarker> lastCompleted() {
        return jdbc.query("select " + COLUMNS + " from cycle_marker where phase = 'COMPLETED' order by marker_time desc limit 1",
                MAPPER).stream().findFirst();
    }

    /** The newest marker of each of the most recent cycles, newest first. */
    public List<CycleMarker> recentCycles(int limit) {
        return jdbc.query("""
                select * from (select distinct on (cycle_id) %s from cycle_marker order by cycle_id, marker_time desc) latest
                order by marker_time desc limit ?""".formatted(COLUMNS), MAPPER, limit);
    }
}
