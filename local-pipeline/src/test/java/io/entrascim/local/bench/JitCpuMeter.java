package io.entrascim.local.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU seconds the JVMs' JIT compiler threads use over a window. HotSpot starts and stops compiler threads as its
 * queue grows and shrinks, and a thread that has ended takes its CPU time out of {@code /proc}; so the threads are
 * polled through the window and each one's last reading kept.
 */
final class JitCpuMeter implements AutoCloseable {

    private final Map<String, Long> pids;
    /** pid name -> thread id -> ticks when first seen in the window (0 for a thread started inside it) */
    private final Map<String, Map<Long, Long>> first = new ConcurrentHashMap<>();
    private final Map<String, Map<Long, Long>> last = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    JitCpuMeter(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
        pids.forEach((name, pid) -> {
            Map<Long, Long> now = ProcFigures.compilerThreadTicks(pid);
            first.put(name, new ConcurrentHashMap<>(now));
            last.put(name, new ConcurrentHashMap<>(now));
        });
        poller = new Thread(this::poll, "jit-cpu-meter");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        while (running) {
            pids.forEach((name, pid) -> ProcFigures.compilerThreadTicks(pid).forEach((tid, ticks) -> {
                first.get(name).putIfAbsent(tid, 0L);
                last.get(name).put(tid, ticks);
            }));
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Compiler CPU seconds of each JVM since this meter started. */
    Map<String, Double> secondsSoFar() {
        Map<String, Double> r = new LinkedHashMap<>();
        pids.keySet().forEach(name -> {
            long ticks = 0;
            for (Map.Entry<Long, Long> e : last.get(name).entrySet()) {
                ticks += e.getValue() - first.get(name).getOrDefault(e.getKey(), 0L);
            }
            r.put(name, ticks / 100.0);
        });
        return r;
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
    }
}
