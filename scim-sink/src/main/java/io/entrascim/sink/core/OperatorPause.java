package io.entrascim.sink.core;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The operator's pause as a stored setting (table {@code scim_sink.operator_pause}): a sink restarted
 * while paused must stay paused until an operator resumes it, or it would write to a target someone
 * deliberately stopped (maintenance, a bad mapping under investigation).
 */
public final class OperatorPause {

    /** Who paused, why (both may be null when the caller did not say) and since when. */
    public record Pause(String by, String reason, Instant since) {
    }

    private final JdbcTemplate jdbc;

    public OperatorPause(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Pause> current() {
        List<Pause> rows = jdbc.query("select paused_by, reason, paused_at from scim_sink.operator_pause where id = 1",
                (rs, i) -> new Pause(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
        return rows.stream().findFirst();
    }

    /** Stores the pause; pausing again while paused keeps the first pause (its time, author and reason). */
    public Pause pause(String by, String reason) {
        jdbc.update("insert into scim_sink.operator_pause (id, paused_by, reason) values (1, ?, ?) on conflict (id) do nothing",
                trim(by, 200), trim(reason, 1000));
        return current().orElseThrow();
    }

    /** @return true when a pause was stored */
    public boolean resume() {
        return jdbc.update("delete from scim_sink.operator_pause where id = 1") > 0;
    }

    private static String trim(String s, int max) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        return t.length() <= max ? t : t.substring(0, max);
    }
}
