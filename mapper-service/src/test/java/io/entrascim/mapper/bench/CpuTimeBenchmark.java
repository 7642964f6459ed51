package io.entrascim.mapper.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Events per CPU-second for {@link MappingBenchmark}'s workload, measured with the thread's CPU time
 * instead of wall-clock time, so that a busy shared machine does not distort the "events/s on one
 * core" figure. Run: {@code java -cp ... io.entrascim.mapper.bench.CpuTimeBenchmark [events]}.
 */
public final class CpuTimeBenchmark {
    private CpuTimeBenchmark() {
    }

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        MappingBenchmark b = new MappingBenchmark();
        b.setUp();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < events; i++) { // warm-up: let the JIT compile the mapping path
            sink += b.mapEvent().commands().size() + b.evaluateMappings().attributes().size();
        }
        for (String name : new String[] {"mapEvent", "evaluateMappings"}) {
            long start = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < events; i++) {
                sink += name.equals("mapEvent") ? b.mapEvent().results().size() : b.evaluateMappings().attributes().size();
            }
            double seconds = (cpu.getCurrentThreadCpuTime() - start) / 1e9;
            System.out.printf("%-17s %,12.0f events per CPU-second (%,d events in %.2f CPU-s)%n", name, events / seconds, events, seconds);
        }
        if (sink == 42) {
            System.out.println();
        }
    }
}
