package io.entrascim.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Peak RSS, current RSS and CPU seconds of a process from Linux {@code /proc}. */
final class ProcFigures {

    /** USER_HZ: 100 on every Linux this runs on. */
    private static final double TICKS = 100.0;

    private ProcFigures() {
    }

    /** {@code VmHWM} (peak resident set) in MiB, or -1. */
    static long peakRssMib(long pid) {
        return statusKib(pid, "VmHWM:") / 1024;
    }

    static long rssMib(long pid) {
        return statusKib(pid, "VmRSS:") / 1024;
    }

    /** User + system CPU seconds so far, or -1. */
    static double cpuSeconds(long pid) {
        try {
            return cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))) / TICKS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * User + system CPU ticks (1/100 s) of each of the process's JIT compiler threads ({@code C1 CompilerThre},
     * {@code C2 CompilerThre}) by thread id; empty if the process is gone. See {@link JitCpuMeter}.
     */
    static Map<Long, Long> compilerThreadTicks(long pid) {
        Map<Long, Long> ticks = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException threadEnded) {
                    continue;
                }
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                    ticks.put(Long.parseLong(task.getFileName().toString()), cpuTicks(stat));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return ticks;
    }

    /** utime + stime of a process's or a thread's {@code stat} line. */
    private static long cpuTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields after "(comm) ": state=0 ... utime=11 stime=12
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** The 1-minute load average. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long statusKib(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
