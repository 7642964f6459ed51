package io.entrascim.audit.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A WHERE clause with its bind values, built from a {@link LogFilter}. Values are always bound, never spliced
 * into the SQL text.
 *
 * @param sql  conditions joined by AND, starting with {@code true}
 * @param args bind values in order
 */
record SqlCondition(String sql, List<Object> args) {

    static SqlCondition of(LogFilter f) {
        StringBuilder sql = new StringBuilder("true");
        List<Object> args = new ArrayList<>();
        if (f.from() != null) {
            sql.append(" and activity_time >= ?");
            args.add(timestamp(f.from()));
        }
        if (f.to() != null) {
            sql.append(" and activity_time < ?");
            args.add(timestamp(f.to()));
        }
        if (!f.statuses().isEmpty()) {
            sql.append(" and status in (").append(placeholders(f.statuses().size())).append(')');
            f.statuses().stream().map(Enum::name).sorted().forEach(args::add);
        }
        if (!f.actions().isEmpty()) {
            sql.append(" and action in (").append(placeholders(f.actions().size())).append(')');
            f.actions().stream().map(Enum::name).sorted().forEach(args::add);
        }
        if (f.objectType() != null) {
            sql.append(" and lower(source_type) = ?");
            args.add(f.objectType().toLowerCase(Locale.ROOT));
        }
        equal(sql, args, "source_id", f.sourceId());
        equal(sql, args, "target_id", f.targetId());
        equal(sql, args, "cycle_id", f.cycleId());
        equal(sql, args, "change_id", f.changeId());
        equal(sql, args, "error_code", f.errorCode());
        equal(sql, args, "job_id", f.jobId());
        if (f.reportedBy() != null) {
            equal(sql, args, "reported_by", f.reportedBy().name());
        }
        if (f.nameContains() != null) {
            // the trigram index on search_names answers this
            sql.append(" and search_names like ?");
            args.add('%' + escapeLike(f.nameContains().toLowerCase(Locale.ROOT)) + '%');
        }
        if (f.namePrefix() != null) {
            // B-tree (text_pattern_ops) range scans on each name, combined by a bitmap OR
            String prefix = escapeLike(f.namePrefix().toLowerCase(Locale.ROOT)) + '%';
            sql.append(" and (lower(source_display_name) like ? or lower(target_display_name) like ?)");
            args.add(prefix);
            args.add(prefix);
        }
        return new SqlCondition(sql.toString(), args);
    }

    SqlCondition and(String condition, Object... values) {
        List<Object> all = new ArrayList<>(args);
        all.addAll(List.of(values));
        return new SqlCondition(sql + " and " + condition, all);
    }

    Object[] argsArray() {
        return args.toArray();
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static void equal(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" and ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private static String placeholders(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "?").collect(Collectors.joining(", "));
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
