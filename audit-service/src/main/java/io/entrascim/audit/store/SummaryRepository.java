package io.entrascim.audit.store;

import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;

/** Aggregates over the log: counts by action and status, failures by error code, counts per time window. */
public class SummaryRepository {

    private final JdbcTemplate jdbc;

    public SummaryRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Counts counts(LogFilter filter) {
        SqlCondition where = SqlCondition.of(filter);
        List<Counts.Cell> cells = jdbc.query("select action, status, count(*) from provisioning_result where " + where.sql()
                        + " group by action, status order by action, status",
                (rs, n) -> new Counts.Cell(rs.getString(1), rs.getString(2), rs.getLong(3)), where.argsArray());
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Long> byAction = new TreeMap<>();
        long total = 0;
        for (Counts.Cell c : cells) {
            byStatus.merge(c.status(), c.count(), Long::sum);
            byAction.merge(c.action(), c.count(), Long::sum);
            total += c.count();
        }
        return new Counts(total, byStatus, byAction, cells);
    }

    /** Distinct source objects with at least one result in the cycle: "processed" in processed-of-expected. */
    public long processedObjects(String cycleId) {
        Long n = jdbc.queryForObject("select count(distinct source_id) from provisioning_result where cycle_id = ?",
                Long.class, cycleId);
        return n == null ? 0 : n;
    }

    /** Failure groups, largest first (at most 50 codes), each with its newest {@code examples} failures. */
    public List<FailureGroup> failuresByErrorCode(LogFilter filter, int examples) {
        SqlCondition where = SqlCondition.of(filter).and("status = ?", "FAILURE");
        String sql = """
                with groups as (
                  select error_code, count(*) as n from provisioning_result where %1$s
                  group by error_code order by n desc, error_code limit 50)
                select g.error_code, g.n, e.id, e.change_id, e.activity_time, e.source_id, e.source_display_name, e.error_reason
                from groups g left join lateral (
                  select id, change_id, activity_time, source_id, source_display_name, error_reason from provisioning_result
                  where %1$s and error_code is not distinct from g.error_code
                  order by activity_time desc, id desc limit ?) e on true
                order by g.n desc, g.error_code, e.activity_time desc, e.id desc""".formatted(where.sql());
        List<Object> args = new ArrayList<>(where.args());
        args.addAll(where.args());
        args.add(examples);
        Map<String, FailureGroup> groups = new LinkedHashMap<>();
        jdbc.query(sql, (ResultSet rs) -> {
            String code = rs.getString("error_code");
            long n = rs.getLong("n");
            // String.valueOf: failures without a code form their own group under the key "null"
            FailureGroup group = groups.computeIfAbsent(String.valueOf(code), k -> new FailureGroup(code, n, new ArrayList<>()));
            if (rs.getString("id") != null) {
                group.examples().add(new FailureGroup.Example(rs.getString("id"), rs.getString("change_id"),
                        rs.getTimestamp("activity_time").toInstant(), rs.getString("source_id"),
                        rs.getString("source_display_name"), rs.getString("error_reason")));
            }
        }, args.toArray());
        return groups.values().stream()
                .map(g -> new FailureGroup(g.errorCode(), g.count(), List.copyOf(g.examples())))
                .toList();
    }

    /** Counts per (window, action, status); windows are aligned to the epoch. */
    public List<TimelineBucket> timeline(LogFilter filter, Duration bucket) {
        SqlCondition where = SqlCondition.of(filter);
        List<Object> args = new ArrayList<>();
        args.add(bucket.toSeconds() + " seconds");
        args.addAll(where.args());
        return jdbc.query("""
                        select date_bin(cast(? as interval), activity_time, timestamptz '1970-01-01 00:00:00+00') as bucket,
                               action, status, count(*) from provisioning_result where %s
                        group by 1, 2, 3 order by 1, 2, 3""".formatted(where.sql()),
                (rs, n) -> new TimelineBucket(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getLong(4)),
                args.toArray());
    }
}
