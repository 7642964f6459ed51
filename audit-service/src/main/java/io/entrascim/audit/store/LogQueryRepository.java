package io.entrascim.audit.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.entrascim.contracts.ErrorInfo;
import io.entrascim.contracts.Identity;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.RecordCodec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads the log: filtered pages with keyset cursors, change details with replay links, streamed exports. */
public class LogQueryRepository {

    static final String LIST_COLUMNS = """
            id, activity_time, change_id, cycle_id, job_id, action, status, duration_ms, reported_by, origin,
            source_id, source_display_name, source_type, target_id, target_display_name, target_type,
            error_code, error_reason, error_details, error_category, recommended_action, replay_of""";

    static final RowMapper<LogEntry> ENTRY = (rs, n) -> entry(rs);

    /** Above this many prefix matches, the time-ordered scan is the faster plan (see fewMatchesFirst). */
    static final int FEW_MATCHES = 5000;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnlyTx;

    public LogQueryRepository(DataSource dataSource, int exportFetchSize) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.streaming = new JdbcTemplate(dataSource);
        // PostgreSQL only streams with a cursor (instead of materialising the result) inside a transaction
        this.streaming.setFetchSize(exportFetchSize);
        this.readOnlyTx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.readOnlyTx.setReadOnly(true);
    }

    public LogPage page(LogFilter filter, SortOrder sort, int limit, Cursor after) {
        SqlCondition where = keyset(SqlCondition.of(filter), sort, after);
        List<LogEntry> rows = filter.namePrefix() == null ? null : fewMatchesFirst(where, sort, limit);
        if (rows == null) {
            String sql = "select " + LIST_COLUMNS + " from provisioning_result where " + where.sql()
                    + orderBy(sort) + " limit ?";
            List<Object> args = new ArrayList<>(where.args());
            args.add(limit + 1);
            rows = jdbc.query(sql, ENTRY, args.toArray());
        }
        if (rows.size() <= limit) {
            return new LogPage(rows, null);
        }
        List<LogEntry> page = rows.subList(0, limit);
        LogEntry last = page.get(limit - 1);
        return new LogPage(List.copyOf(page), new Cursor(last.activityDateTime(), last.id()).encode());
    }

    /**
     * Name-prefix searches: PostgreSQL estimates a prefix like {@code user1231%} from a coarse histogram, expects
     * far more matches than there are, and walks the time index backwards filtering row by row (seconds on 10M
     * rows). So first collect at most {@link #FEW_MATCHES} matches through the prefix indexes and sort them; only
     * when there are more (then they are dense, and the time-ordered walk finds a page quickly) return null so the
     * caller runs the ordinary query.
     */
    private List<LogEntry> fewMatchesFirst(SqlCondition where, SortOrder sort, int limit) {
        List<Object> args = new ArrayList<>(where.args());
        args.add(FEW_MATCHES + 1);
        args.add(limit + 1);
        int[] matched = {0};
        List<LogEntry> rows = readOnlyTx.execute(status -> {
            // the same misestimate could make a sequential scan look cheap for the collecting step: on a big table
            // that reads everything to find a few rows, so this step always goes through the prefix indexes
            jdbc.execute("set local enable_seqscan = off");
            return jdbc.query("with m as materialized (select " + LIST_COLUMNS
                    + " from provisioning_result where " + where.sql() + " limit ?)"
                    + " select m.*, (select count(*) from m) as matched from m" + orderBy(sort) + " limit ?", (rs, n) -> {
                        matched[0] = rs.getInt("matched");
                        return entry(rs);
                    }, args.toArray());
        });
        return matched[0] > FEW_MATCHES ? null : rows;
    }

    /** PostgreSQL's plan (EXPLAIN ANALYZE, BUFFERS) of the page query for this filter, for tuning and benchmarks. */
    public String explainPage(LogFilter filter, SortOrder sort, int limit) {
        SqlCondition where = SqlCondition.of(filter);
        List<Object> args = new ArrayList<>(where.args());
        String sql;
        if (filter.namePrefix() != null) {
            args.add(FEW_MATCHES + 1);
            sql = "with m as materialized (select " + LIST_COLUMNS + " from provisioning_result where " + where.sql()
                    + " limit ?) select m.*, (select count(*) from m) as matched from m" + orderBy(sort) + " limit ?";
        } else {
            sql = "select " + LIST_COLUMNS + " from provisioning_result where " + where.sql() + orderBy(sort) + " limit ?";
        }
        args.add(limit + 1);
        String explain = "explain (analyze, buffers) " + sql;
        return readOnlyTx.execute(status -> {
            if (filter.namePrefix() != null) {
                jdbc.execute("set local enable_seqscan = off");
            }
            return String.join("\n", jdbc.queryForList(explain, String.class, args.toArray()));
        });
    }

    /** All results of a change, oldest first, with replay links; empty when the change is unknown. */
    public Optional<ChangeDetail> change(String changeId) {
        List<ProvisioningResult> results = jdbc.query(
                "select raw_payload from provisioning_result where change_id = ? order by activity_time, id",
                (rs, n) -> RecordCodec.mapper().readValue(rs.getString(1), ProvisioningResult.class), changeId);
        if (results.isEmpty()) {
            return Optional.empty();
        }
        List<String> ids = results.stream().map(ProvisioningResult::id).toList();
        List<String> originals = results.stream().map(ProvisioningResult::replayOf).filter(id -> id != null).toList();
        Map<String, LinkRef> originalsById = new LinkedHashMap<>();
        links("id", originals).forEach(l -> originalsById.put(l.id(), l));
        Map<String, List<LinkRef>> replays = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            jdbc.query("select id, change_id, status, activity_time, replay_of from provisioning_result where replay_of in ("
                            + placeholders(ids.size()) + ") order by activity_time, id",
                    (ResultSet rs) -> {
                        replays.computeIfAbsent(rs.getString("replay_of"), k -> new ArrayList<>()).add(link(rs));
                    }, ids.toArray());
        }
        List<DetailedResult> detailed = results.stream()
                .map(r -> new DetailedResult(r, r.replayOf() == null ? null : originalsById.get(r.replayOf()),
                        replays.getOrDefault(r.id(), List.of())))
                .toList();
        return Optional.of(new ChangeDetail(changeId, detailed));
    }

    /** The entries with these ids (any order); unknown ids are absent. */
    public List<LinkRef> links(Collection<String> ids) {
        return links("id", ids);
    }

    /** Ids of the newest failures matching the filter, at most {@code limit}. */
    public List<String> failureIds(LogFilter filter, int limit) {
        SqlCondition where = SqlCondition.of(filter).and("status = ?", "FAILURE");
        List<Object> args = new ArrayList<>(where.args());
        args.add(limit);
        return jdbc.queryForList("select id from provisioning_result where " + where.sql()
                + orderBy(SortOrder.DESC) + " limit ?", String.class, args.toArray());
    }

    /**
     * Streams every matching row to {@code sink} through a database cursor, {@code fetchSize} rows at a time, so an
     * export of millions of rows holds one fetch in memory.
     */
    public void export(LogFilter filter, SortOrder sort, Consumer<ExportRow> sink) {
        SqlCondition where = SqlCondition.of(filter);
        String sql = "select " + LIST_COLUMNS + ", raw_payload from provisioning_result where " + where.sql() + orderBy(sort);
        readOnlyTx.executeWithoutResult(status -> streaming.query(sql,
                (ResultSet rs) -> sink.accept(new ExportRow(entry(rs), rs.getString("raw_payload"))), where.argsArray()));
    }

    private List<LinkRef> links(String column, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query("select id, change_id, status, activity_time from provisioning_result where " + column + " in ("
                + placeholders(ids.size()) + ")", (rs, n) -> link(rs), ids.toArray());
    }

    private static SqlCondition keyset(SqlCondition where, SortOrder sort, Cursor after) {
        if (after == null) {
            return where;
        }
        String op = sort == SortOrder.ASC ? ">" : "<";
        return where.and("(activity_time, id) " + op + " (?, ?)", SqlCondition.timestamp(after.activityTime()), after.id());
    }

    private static String orderBy(SortOrder sort) {
        return sort == SortOrder.ASC ? " order by activity_time, id" : " order by activity_time desc, id desc";
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static LinkRef link(ResultSet rs) throws SQLException {
        return new LinkRef(rs.getString("id"), rs.getString("change_id"), rs.getString("status"),
                rs.getTimestamp("activity_time").toInstant());
    }

    static LogEntry entry(ResultSet rs) throws SQLException {
        String targetId = rs.getString("target_id");
        String targetName = rs.getString("target_display_name");
        String targetType = rs.getString("target_type");
        String errorCode = rs.getString("error_code");
        String errorReason = rs.getString("error_reason");
        ErrorInfo error = errorCode == null && errorReason == null ? null : new ErrorInfo(errorCode, errorReason,
                rs.getString("error_details"), rs.getString("error_category"), rs.getString("recommended_action"));
        return new LogEntry(rs.getString("id"), rs.getTimestamp("activity_time").toInstant(), rs.getString("change_id"),
                rs.getString("cycle_id"), rs.getString("job_id"), rs.getString("action"), rs.getString("status"),
                rs.getLong("duration_ms"), rs.getString("reported_by"), rs.getString("origin"),
                new Identity(rs.getString("source_id"), rs.getString("source_display_name"), rs.getString("source_type")),
                targetId == null && targetName == null && targetType == null ? null
                        : new Identity(targetId, targetName, targetType),
                error, rs.getString("replay_of"));
    }
}
