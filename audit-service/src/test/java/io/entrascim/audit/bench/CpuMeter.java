package io.entrascim.audit.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU seconds consumed, read from the kernel and the JVM: this JVM as a whole, the Kafka listener container threads
 * (the audit consumer's own work: poll, parse, JDBC), and the PostgreSQL server (postmaster and all its children,
 * from /proc, including children that have exited) identified by its port.
 */
final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final int postgresPort;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    CpuMeter(int postgresPort) {
        this.postgresPort = postgresPort;
    }

    record Sample(double jvm, double consumerThreads, double postgres, long nanos) {

        Sample minus(Sample earlier) {
            return new Sample(jvm - earlier.jvm, consumerThreads - earlier.consumerThreads, postgres - earlier.postgres,
                    nanos - earlier.nanos);
        }
    }

    Sample sample() {
        return new Sample(processSeconds(ProcessHandle.current().pid(), false), consumerThreadSeconds(), postgresSeconds(),
                System.nanoTime());
    }

    /** Per-thread CPU of the listener containers ({@code ...container-0-C-1}); other threads are the broker's or ours. */
    double consumerThreadSeconds() {
        double total = 0;
        for (long id : threads.getAllThreadIds()) {
            ThreadInfo info = threads.getThreadInfo(id);
            if (info != null && info.getThreadName().contains("-C-")) {
                long ns = threads.getThreadCpuTime(id);
                if (ns > 0) {
                    total += ns / 1e9;
                }
            }
        }
        return total;
    }

    static Map<String, Double> threadCpuByName() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Double> byName = new HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            ThreadInfo info = mx.getThreadInfo(id);
            long ns = mx.getThreadCpuTime(id);
            if (info != null && ns > 0) {
                byName.merge(info.getThreadName().replaceAll("\\d+", "#"), ns / 1e9, Double::sum);
            }
        }
        return byName;
    }

    double postgresSeconds() {
        long postmaster = postmasterPid();
        if (postmaster < 0) {
            return Double.NaN;
        }
        double total = processSeconds(postmaster, true);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                long[] stat = stat(Long.parseLong(p.getFileName().toString()));
                if (stat != null && stat[0] == postmaster) {
                    total += (stat[1] + stat[2]) / TICKS_PER_SECOND;
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return total;
    }

    private long postmasterPid() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    List<String> args = List.of(cmd.split("\0"));
                    int i = args.indexOf("-p");
                    if (args.get(0).endsWith("postgres") && i >= 0 && i + 1 < args.size()
                            && args.get(i + 1).equals(String.valueOf(postgresPort))) {
                        return Long.parseLong(p.getFileName().toString());
                    }
                } catch (IOException | RuntimeException ignored) {
                    // the process ended while listing
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** utime + stime (+ cutime + cstime when children are wanted) in seconds. */
    private static double processSeconds(long pid, boolean withReapedChildren) {
        long[] stat = stat(pid);
        if (stat == null) {
            return Double.NaN;
        }
        return (stat[1] + stat[2] + (withReapedChildren ? stat[3] + stat[4] : 0)) / TICKS_PER_SECOND;
    }

    /** ppid, utime, stime, cutime, cstime of /proc/pid/stat, or null. */
    private static long[] stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
            return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                    Long.parseLong(f[13]), Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
