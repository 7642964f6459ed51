package io.entrascim.audit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.entrascim.audit.store.ResultWriter;
import io.entrascim.audit.store.StoredResult;
import io.entrascim.contracts.ProvisioningResult;
import io.entrascim.contracts.RecordCodec;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What each index of {@code provisioning_result} costs PostgreSQL per stored result: the same rows inserted the way
 * the audit stores them ({@link ResultWriter}, JDBC batches of 1,000, two threads) into a copy of the table with all
 * its indexes, then with one index left out at a time, then with the primary key only. Reports PostgreSQL CPU
 * (postmaster and every backend, from /proc) per 1,000 rows; an index's cost is the difference to the full table.
 * Not part of the default test run:
 * {@code mvn -B -q -o -pl audit-service test -Dtest=IndexCostBenchmark -Dbench.results=100000 -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class IndexCostBenchmark {

    private static final int RESULTS = Integer.getInteger("bench.results", 100_000);
    private static final int BATCH = 1000;
    private static final int THREADS = 2;
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 2);

    @Test
    void postgresCpuPerThousandRowsForEachIndex() {
        var pg = BenchPostgres.get();
        DriverManagerDataSource ds = new DriverManagerDataSource(
                pg.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true", "postgres", "");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        Map<String, String> indexes = new LinkedHashMap<>();
        jdbc.query("""
                select indexname, indexdef from pg_indexes where tablename = 'provisioning_result'
                and indexname <> 'provisioning_result_pkey' order by indexname""",
                rs -> {
                    indexes.put(rs.getString(1), rs.getString(2));
                });
        List<StoredResult> rows = new ArrayList<>(RESULTS);
        double bytes = 0;
        for (int i = 0; i < RESULTS; i++) {
            ProvisioningResult r = IngestionBenchmark.result(i);
            String json = new String(RecordCodec.write(r), StandardCharsets.UTF_8);
            bytes += json.length();
            rows.add(new StoredResult(r, json));
        }
        CpuMeter cpu = new CpuMeter(pg.getPort());
        System.out.printf("%n=== IndexCostBenchmark: %,d results of %.0f bytes, batches of %d, %d threads, %d rounds; load %s%n",
                RESULTS, bytes / RESULTS, BATCH, THREADS, ROUNDS, CpuMeter.loadAverage());
        List<String> variants = new ArrayList<>();
        variants.add("all");
        variants.addAll(indexes.keySet());
        variants.add("primary key only");
        Map<String, List<Double>> cpuPerThousand = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (String variant : variants) {
                jdbc.execute("drop table if exists index_cost");
                jdbc.execute("create table index_cost (like provisioning_result including defaults including generated)");
                jdbc.execute("alter table index_cost add primary key (id)");
                indexes.forEach((name, def) -> {
                    if (!variant.equals(name) && !variant.equals("primary key only")) {
                        jdbc.execute(def.replace(" " + name + " ", " ic_" + name + " ")
                                .replace(" public.provisioning_result ", " public.index_cost "));
                    }
                });
                jdbc.execute("checkpoint");
                CpuMeter.Sample before = cpu.sample();
                IngestionBenchmark.insertInBatches(new ResultWriter(jdbc, "index_cost"), rows, THREADS, BATCH);
                CpuMeter.Sample used = cpu.sample().minus(before);
                assertThat(jdbc.queryForObject("select count(*) from index_cost", Long.class)).isEqualTo(RESULTS);
                cpuPerThousand.computeIfAbsent(variant, k -> new ArrayList<>()).add(used.postgres() * 1000.0 / RESULTS);
                System.out.printf("round %d %-45s PostgreSQL %.3f CPU s / 1,000 rows, %,.0f rows/s%n", round + 1, variant,
                        used.postgres() * 1000.0 / RESULTS, RESULTS / (used.nanos() / 1e9));
            }
        }
        double all = mean(cpuPerThousand.get("all"));
        System.out.printf("%nmean of %d rounds, PostgreSQL CPU s per 1,000 rows (all indexes: %.3f):%n", ROUNDS, all);
        cpuPerThousand.forEach((variant, values) -> {
            double m = mean(values);
            String label = variant.equals("all") || variant.equals("primary key only") ? variant : "without " + variant;
            System.out.printf("%-53s %.3f   (%+.3f, %+.0f %%)%n", label, m, m - all, 100 * (m - all) / all);
        });
        System.out.println();
        jdbc.execute("drop table index_cost");
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
