package io.entrascim.source;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs cycles on one thread: every {@code source.poll-interval} (when enabled) and whenever triggered. Triggers
 * arriving while a cycle runs coalesce into one follow-up cycle.
 */
final class CycleScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CycleScheduler.class);

    private final SyncEngine engine;
    private final SourceProperties props;
    private final AtomicBoolean pending = new AtomicBoolean();
    private ScheduledExecutorService executor;
    private volatile boolean running;

    CycleScheduler(SyncEngine engine, SourceProperties props) {
        this.engine = engine;
        this.props = props;
    }

    /** Asks for a cycle as soon as possible; false when one is already queued. */
    boolean trigger() {
        if (!running || !pending.compareAndSet(false, true)) {
            return false;
        }
        executor.execute(this::runQueued);
        return true;
    }

    private void runQueued() {
        pending.set(false);
        runSafely();
    }

    private void runSafely() {
        try {
            engine.runCycle();
        } catch (RuntimeException e) {
            log.error("cycle aborted: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "source-cycles");
            t.setDaemon(true);
            return t;
        });
        running = true;
        if (props.pollEnabled()) {
            Duration every = props.pollInterval();
            executor.scheduleWithFixedDelay(this::runSafely, 1000, every.toMillis(), TimeUnit.MILLISECONDS);
            log.info("polling Graph every {}", every);
        }
    }

    @Override
    public void stop() {
        running = false;
        // Not engine.pause(): that is the operator's pause and is persisted; shutting down must not keep it paused.
        engine.stopForShutdown();
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
