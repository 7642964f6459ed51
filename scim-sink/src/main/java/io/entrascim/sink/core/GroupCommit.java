package io.entrascim.sink.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Runs the statements of concurrent callers as one batch ("group commit"): a caller queues its item,
 * and whichever caller finds no batch running executes everything queued so far in one statement
 * and one commit, for everybody. Callers arriving during that batch form the next one. There is no
 * timer: a lone caller runs at once (no added latency at concurrency 1), and under load the batch
 * grows by itself to what arrived during one round trip. Each caller returns only once the batch
 * holding its item has completed (committed), with its own result or its own failure.
 *
 * <p>When a batch of several items fails, each item is run again on its own, so one bad item (or a
 * failure the database reports for one row) fails its own caller, not its neighbours.
 *
 * @param <T> item
 * @param <R> result per item (same order as the items)
 */
final class GroupCommit<T, R> {

    private static final long WAKE_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Function<List<T>, List<R>> batch;
    private final int maxBatch;
    private final ConcurrentLinkedQueue<Pending<T, R>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * @param batch    runs the items in one statement and transaction; returns one result per item, in order
     * @param maxBatch most items per batch (bounds the statement size)
     */
    GroupCommit(Function<List<T>, List<R>> batch, int maxBatch) {
        this.batch = batch;
        this.maxBatch = maxBatch;
    }

    private static final class Pending<T, R> {
        final T item;
        final Thread waiter = Thread.currentThread();
        volatile boolean done;
        R result;
        RuntimeException failure;

        Pending(T item) {
            this.item = item;
        }
    }

    /** Runs {@code item} in the next batch and waits for that batch to complete. */
    R submit(T item) {
        Pending<T, R> mine = new Pending<>(item);
        queue.add(mine);
        while (!mine.done) {
            if (running.compareAndSet(false, true)) {
                try {
                    if (!mine.done) {
                        runOneBatch();
                    }
                } finally {
                    running.set(false);
                }
                // Hand over: a caller still queued runs the next batch (it may be parked).
                Pending<T, R> next = queue.peek();
                if (next != null) {
                    LockSupport.unpark(next.waiter);
                }
            } else {
                // Woken by the batch that completes us or by the hand-over; the timeout only guards against races.
                LockSupport.parkNanos(this, WAKE_UP_NANOS);
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    private void runOneBatch() {
        List<Pending<T, R>> taken = new ArrayList<>();
        Pending<T, R> p;
        while (taken.size() < maxBatch && (p = queue.poll()) != null) {
            taken.add(p);
        }
        if (taken.isEmpty()) {
            return;
        }
        try {
            complete(taken, batch.apply(items(taken)));
        } catch (RuntimeException batchFailed) {
            if (taken.size() == 1) {
                fail(taken.get(0), batchFailed);
            } else {
                for (Pending<T, R> one : taken) {
                    try {
                        complete(List.of(one), batch.apply(List.of(one.item)));
                    } catch (RuntimeException e) {
                        fail(one, e);
                    }
                }
            }
        } catch (Error e) {
            taken.forEach(x -> fail(x, new IllegalStateException("batch aborted: " + e, e)));
            throw e;
        }
    }

    private List<T> items(List<Pending<T, R>> taken) {
        List<T> items = new ArrayList<>(taken.size());
        for (Pending<T, R> p : taken) {
            items.add(p.item);
        }
        return items;
    }

    private void complete(List<Pending<T, R>> taken, List<R> results) {
        if (results.size() != taken.size()) {
            throw new IllegalStateException("batch returned " + results.size() + " results for " + taken.size() + " items");
        }
        for (int i = 0; i < taken.size(); i++) {
            Pending<T, R> p = taken.get(i);
            p.result = results.get(i);
            p.done = true;
            LockSupport.unpark(p.waiter);
        }
    }

    private void fail(Pending<T, R> p, RuntimeException e) {
        p.failure = e;
        p.done = true;
        LockSupport.unpark(p.waiter);
    }
}
