package io.entrascim.sink.bench;

import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time split by who spent it, because the sink, the in-process SCIM target, the JVM's GC/JIT
 * and PostgreSQL share the same 2 cores: the sink's own cost per write is what the benchmark must
 * show, not the wall rate alone (other builds on the machine move the wall rates).
 * Java threads through {@link ThreadMXBean} (ns), VM-internal threads and the PostgreSQL server
 * processes through {@code /proc} (clock ticks, 10 ms).
 */
final class CpuMeter {

    private static final long NANOS_PER_TICK = 10_000_000L;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final JdbcTemplate pg;

    CpuMeter(JdbcTemplate pg) {
        this.pg = pg;
        threads.setThreadCpuTimeEnabled(true);
    }

    /** CPU spent so far, in ns, per side. */
    record Sample(Map<Long, Long> sinkThreads, Map<Long, Long> targetThreads, long vm, long jit, long postgres,
                  Map<Long, Long> sinkAllocated, long transactions) {

        Usage minus(Sample before) {
            return new Usage(delta(sinkThreads, before.sinkThreads), delta(targetThreads, before.targetThreads),
                    vm - before.vm, jit - before.jit, postgres - before.postgres,
                    delta(sinkAllocated, before.sinkAllocated), transactions - before.transactions);
        }

        private static long delta(Map<Long, Long> now, Map<Long, Long> then) {
            long sum = 0;
            for (Map.Entry<Long, Long> e : now.entrySet()) {
                sum += e.getValue() - then.getOrDefault(e.getKey(), 0L);
            }
            return sum;
        }
    }

    /** CPU ns spent between two samples: sink (load threads + HTTP client + pool), target, GC (and other VM work), JIT, PostgreSQL. */
    record Usage(long sink, long target, long vm, long jit, long postgres, long sinkBytes, long transactions) {
        double msPer(long n, long nanos) {
            return n == 0 ? 0 : nanos / 1e6 / n;
        }
    }

    Sample sample() {
        Map<Long, Long> sink = new HashMap<>();
        Map<Long, Long> target = new HashMap<>();
        Map<Long, Long> allocated = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            String name = info.getThreadName();
            if (name.startsWith("scim-target") || name.startsWith("HTTP-Dispatcher") || name.startsWith("server-timer")) {
                target.put(info.getThreadId(), cpu);
            } else if (!name.startsWith("JFR") && !name.equals("main")) {
                sink.put(info.getThreadId(), cpu);
                if (threads instanceof com.sun.management.ThreadMXBean sun) {
                    allocated.put(info.getThreadId(), sun.getThreadAllocatedBytes(info.getThreadId()));
                }
            }
        }
        return new Sample(sink, target, vmTicks(false) * NANOS_PER_TICK, vmTicks(true) * NANOS_PER_TICK,
                postgresTicks() * NANOS_PER_TICK, allocated, transactions());
    }

    /** GC and JIT threads are not Java threads: read them from /proc/self/task (SerialGC collects on the VM Thread). */
    private static long vmTicks(boolean jit) {
        long sum = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String comm = read(task.resolve("comm")).trim();
                boolean compiler = comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler");
                boolean vm = comm.startsWith("VM Thread") || comm.startsWith("GC Thread") || comm.startsWith("G1 ")
                        || comm.startsWith("VM Periodic");
                if (jit ? compiler : vm) {
                    sum += ticks(task.resolve("stat"));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return sum;
    }

    /** Every server process of this PostgreSQL (backends, WAL writer, checkpointer...). */
    private long postgresTicks() {
        List<Integer> pids = pg.queryForList("select pid from pg_stat_activity", Integer.class);
        long sum = 0;
        for (int pid : pids) {
            sum += ticks(Path.of("/proc", Integer.toString(pid), "stat"));
        }
        return sum;
    }

    /** Committed transactions of the database (each autocommit statement is one): statements per write. */
    private long transactions() {
        Long n = pg.queryForObject("select xact_commit from pg_stat_database where datname = current_database()", Long.class);
        return n == null ? 0 : n;
    }

    private static long ticks(Path stat) {
        String s = read(stat);
        int close = s.lastIndexOf(')');
        if (close < 0) {
            return 0;
        }
        String[] f = s.substring(close + 2).split(" ");
        // fields after the command: state(0) ... utime(11) stime(12)
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    static String loadAverage() {
        String s = read(Path.of("/proc/loadavg"));
        String[] f = s.split(" ");
        return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "?";
    }
}
