package io.entrascim.audit.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;
import io.entrascim.audit.store.Cursor;
import io.entrascim.audit.store.LogFilter;
import io.entrascim.audit.store.LogPage;
import io.entrascim.audit.store.LogQueryRepository;
import io.entrascim.audit.store.SortOrder;
import io.entrascim.contracts.ProvisioningStatus;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * p50/p95/p99 of the log's filtered queries (the repository the API calls, newest 50) on a large table. The
 * table is filled with SQL (indexes dropped during the load and rebuilt, as a restore would) with 100,000
 * users, one failure in twenty, 90 days of history. Not part of the default test run:
 * {@code mvn -B -q -o -pl audit-service test -Dtest=QueryBenchmark -Dbench.rows=10000000 [-Dbench.explain=true]}
 */
class QueryBenchmark {

    private static final long ROWS = Long.getLong("bench.rows", 1_000_000L);
    private static final int USERS = 100_000;
    private static final int RUNS = 200;
    private static final int WARMUP = 30;

    @Test
    void filteredQueryLatencies() {
        // pooled like the service (zonky's own DataSource opens a connection per query)
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(BenchPostgres.get().getJdbcUrl("postgres", "postgres"));
        ds.setUsername("postgres");
        ds.setMaximumPoolSize(4);
        Flyway.configure().dataSource(ds).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant begin = end.minus(90, ChronoUnit.DAYS);
        long t0 = System.nanoTime();
        fill(jdbc, begin);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        String size = jdbc.queryForObject("select pg_size_pretty(pg_total_relation_size('provisioning_result'))", String.class);

        LogQueryRepository repo = new LogQueryRepository(ds, 1000);
        Random random = new Random(42);
        Map<String, Supplier<LogFilter>> queries = new LinkedHashMap<>();
        queries.put("user (source id)", () -> filter().sourceId(user(random)).build());
        queries.put("user + status + 7-day range", () -> filter().sourceId(user(random))
                .statuses(Set.of(ProvisioningStatus.SUCCESS)).from(end.minus(7, ChronoUnit.DAYS)).build());
        queries.put("status failure + 1-hour range", () -> {
            Instant from = randomTime(random, begin, end);
            return filter().statuses(Set.of(ProvisioningStatus.FAILURE)).from(from).to(from.plus(1, ChronoUnit.HOURS)).build();
        });
        queries.put("time range (1 day)", () -> {
            Instant from = randomTime(random, begin, end);
            return filter().from(from).to(from.plus(1, ChronoUnit.DAYS)).build();
        });
        queries.put("cycle id", () -> filter().cycleId("cycle-" + random.nextLong(ROWS / 10_000)).build());
        queries.put("change id", () -> filter().changeId("change-" + random.nextLong(ROWS)).build());
        queries.put("error code, newest", () -> filter().errorCode("Timeout").build());
        queries.put("name prefix (user123...)", () -> filter().namePrefix("user" + (100 + random.nextInt(900)) + "1").build());
        queries.put("name prefix, common (user1)", () -> filter().namePrefix("user1").build());
        queries.put("name contains (5 chars)", () -> filter().nameContains("r" + (1000 + random.nextInt(9000)) + ".").build());
        queries.put("name contains, rare (no match)", () -> filter().nameContains("zq" + random.nextInt(1000) + "x").build());
        queries.put("name contains, common", () -> filter().nameContains("contoso").build());

        System.out.printf("%n=== QueryBenchmark: %,d rows (%s with indexes), loaded in %.0f s; %d runs per query after %d warm-up, newest 50%n",
                ROWS, size, loadSeconds, RUNS, WARMUP);
        System.out.printf("%-34s %9s %9s %9s %7s%n", "query", "p50 ms", "p95 ms", "p99 ms", "rows");
        for (var q : queries.entrySet()) {
            measure(q.getKey(), () -> repo.page(q.getValue().get(), SortOrder.DESC, 50, null));
        }
        if (Boolean.getBoolean("bench.explain")) {
            queries.forEach((name, f) -> System.out.printf("--- plan of %s%n%s%n", name, repo.explainPage(f.get(), SortOrder.DESC, 50)));
        }
        // second page through the cursor, the way the UI pages
        measure("status failure, page 2 by cursor", () -> {
            LogFilter f = filter().statuses(Set.of(ProvisioningStatus.FAILURE)).build();
            Instant at = randomTime(random, begin, end);
            return repo.page(f, SortOrder.DESC, 50, new Cursor(at, "~"));
        });
        System.out.println();
        ds.close();
    }

    private static void measure(String name, Supplier<LogPage> query) {
        for (int i = 0; i < WARMUP; i++) {
            query.get();
        }
        double[] ms = new double[RUNS];
        long rows = 0;
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            rows += query.get().items().size();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%-34s %9.2f %9.2f %9.2f %7.1f%n", name, ms[RUNS / 2], ms[(int) (RUNS * 0.95) - 1],
                ms[(int) (RUNS * 0.99) - 1], rows / (double) RUNS);
    }

    private static String user(Random random) {
        return "obj-" + random.nextInt(USERS);
    }

    private static Instant randomTime(Random random, Instant begin, Instant end) {
        return begin.plusSeconds(random.nextLong(Duration.between(begin, end).toSeconds()));
    }

    private static void fill(JdbcTemplate jdbc, Instant begin) {
        List<String> indexes = jdbc.queryForList("""
                select indexdef from pg_indexes where tablename = 'provisioning_result'
                and indexname <> 'provisioning_result_pkey'""", String.class);
        List<String> names = jdbc.queryForList("""
                select indexname from pg_indexes where tablename = 'provisioning_result'
                and indexname <> 'provisioning_result_pkey'""", String.class);
        names.forEach(n -> jdbc.execute("drop index " + n));
        double stepMillis = Duration.ofDays(90).toMillis() / (double) ROWS;
        long chunk = 500_000;
        for (long from = 0; from < ROWS; from += chunk) {
            long to = Math.min(ROWS, from + chunk) - 1;
            jdbc.update("""
                    insert into provisioning_result (id, activity_time, change_id, cycle_id, job_id, action, status,
                      duration_ms, reported_by, origin, source_id, source_display_name, source_type, target_id,
                      target_display_name, target_type, error_code, error_reason, error_category,
                      raw_payload)
                    select md5(g::text)::uuid::text,
                      cast(? as timestamptz) + g * ? * interval '1 millisecond',
                      'change-' || g, 'cycle-' || (g / 10000), 'scim.tanium-sso',
                      (array['CREATE','UPDATE','UPDATE','UPDATE','DELETE','DISABLE','OTHER'])[1 + g % 7],
                      case when g % 20 = 0 then 'FAILURE' when g % 20 = 1 then 'SKIPPED' else 'SUCCESS' end,
                      g % 500, 'SCIM_SINK', 'INCREMENTAL',
                      'obj-' || (g * 7919) % 100000,
                      'user' || (g * 7919) % 100000 || '.' || substr(md5(((g * 7919) % 100000)::text), 1, 6) || '@contoso.test',
                      'User', 'scim-' || (g * 7919) % 100000,
                      'user' || (g * 7919) % 100000 || '.' || substr(md5(((g * 7919) % 100000)::text), 1, 6) || '@contoso.test',
                      'User',
                      case when g % 20 = 0 then (array['Timeout','Conflict','InternalServerError','TooManyRequests'])[1 + (g / 20) % 4] end,
                      case when g % 20 = 0 then 'SCIM target answered HTTP 500' end,
                      case when g % 20 = 0 then 'failure' end,
                      '{"steps":[{"name":"EntryImportUpdate","type":"IMPORT","status":"SUCCESS","description":"Received User change of type (Update) from Azure Active Directory","details":{}},{"name":"EntryExportUpdate","type":"EXPORT","status":"SUCCESS","description":"Updated User in Tanium SSO","details":{}}],'
                        || '"modifiedProperties":[{"displayName":"displayName","oldValue":"Old name","newValue":"New name"}],"padding":"' || repeat('x', 500) || '"}'
                    from generate_series(?, ?) g""",
                    java.time.OffsetDateTime.ofInstant(begin, java.time.ZoneOffset.UTC), stepMillis, from, to);
        }
        jdbc.execute("set max_parallel_maintenance_workers = 2");
        indexes.forEach(jdbc::execute);
        jdbc.execute("vacuum analyze provisioning_result");
    }

    private static FilterBuilder filter() {
        return new FilterBuilder();
    }

    /** Small builder so each query names only what it filters on. */
    private static final class FilterBuilder {
        private Instant from;
        private Instant to;
        private Set<ProvisioningStatus> statuses = Set.of();
        private String sourceId;
        private String cycleId;
        private String changeId;
        private String errorCode;
        private String namePrefix;
        private String nameContains;

        FilterBuilder from(Instant v) { from = v; return this; }
        FilterBuilder to(Instant v) { to = v; return this; }
        FilterBuilder statuses(Set<ProvisioningStatus> v) { statuses = v; return this; }
        FilterBuilder sourceId(String v) { sourceId = v; return this; }
        FilterBuilder cycleId(String v) { cycleId = v; return this; }
        FilterBuilder changeId(String v) { changeId = v; return this; }
        FilterBuilder errorCode(String v) { errorCode = v; return this; }
        FilterBuilder namePrefix(String v) { namePrefix = v; return this; }
        FilterBuilder nameContains(String v) { nameContains = v; return this; }

        LogFilter build() {
            return new LogFilter(from, to, statuses, Set.of(), null, sourceId, null, namePrefix, nameContains, cycleId,
                    changeId, errorCode, null, null);
        }
    }
}
