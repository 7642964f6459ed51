package io.entrascim.sink.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class GroupCommitTest {

    /** Records each batch; the first batch blocks until released, so the callers behind it queue up. */
    private static final class Recorder {
        final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        final CountDownLatch firstBatchMayFinish = new CountDownLatch(1);
        final AtomicInteger completed = new AtomicInteger();

        List<String> run(List<Integer> items) {
            batches.add(List.copyOf(items));
            if (batches.size() == 1) {
                await(firstBatchMayFinish);
            }
            if (items.contains(-1)) {
                throw new IllegalStateException("row -1 rejected");
            }
            List<String> out = new ArrayList<>();
            items.forEach(i -> out.add("r" + i));
            completed.addAndGet(items.size());
            return out;
        }

        private static void await(CountDownLatch latch) {
            try {
                latch.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void callersArrivingDuringABatchShareTheNextBatchAndEachGetsItsOwnResult() throws Exception {
        Recorder recorder = new Recorder();
        GroupCommit<Integer, String> group = new GroupCommit<>(recorder::run, 100);
        ExecutorService pool = Executors.newFixedThreadPool(11);
        try {
            Future<String> first = pool.submit(() -> group.submit(0));
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.batches.size() == 1);
            List<Future<String>> later = new ArrayList<>();
            List<Thread> waiting = new CopyOnWriteArrayList<>();
            for (int i = 1; i <= 10; i++) {
                int item = i;
                later.add(pool.submit(() -> {
                    waiting.add(Thread.currentThread());
                    return group.submit(item);
                }));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> waiting.size() == 10
                    && waiting.stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING));
            recorder.firstBatchMayFinish.countDown();

            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("r0");
            for (int i = 0; i < 10; i++) {
                assertThat(later.get(i).get(5, TimeUnit.SECONDS)).isEqualTo("r" + (i + 1));
            }
            assertThat(recorder.batches).hasSize(2);
            assertThat(recorder.batches.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLoneCallerRunsAtOnceAndReturnsOnlyAfterItsBatchCompleted() {
        Recorder recorder = new Recorder();
        recorder.firstBatchMayFinish.countDown();
        GroupCommit<Integer, String> group = new GroupCommit<>(recorder::run, 100);

        assertThat(group.submit(7)).isEqualTo("r7");
        // completed (committed) before submit returned
        assertThat(recorder.completed.get()).isEqualTo(1);
        assertThat(recorder.batches).containsExactly(List.of(7));
    }

    @Test
    void aFailingItemFailsOnlyItsOwnCallerWhenItsBatchFails() throws Exception {
        Recorder recorder = new Recorder();
        GroupCommit<Integer, String> group = new GroupCommit<>(recorder::run, 100);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            Future<String> first = pool.submit(() -> group.submit(0));
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.batches.size() == 1);
            List<Thread> waiting = new CopyOnWriteArrayList<>();
            List<Future<String>> later = new ArrayList<>();
            for (int item : new int[] {1, 2, -1, 3, 4}) {
                later.add(pool.submit(() -> {
                    waiting.add(Thread.currentThread());
                    return group.submit(item);
                }));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> waiting.size() == 5
                    && waiting.stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING));
            recorder.firstBatchMayFinish.countDown();

            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("r0");
            assertThat(later.get(0).get(5, TimeUnit.SECONDS)).isEqualTo("r1");
            assertThat(later.get(1).get(5, TimeUnit.SECONDS)).isEqualTo("r2");
            assertThatThrownBy(() -> later.get(2).get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("row -1 rejected");
            assertThat(later.get(3).get(5, TimeUnit.SECONDS)).isEqualTo("r3");
            assertThat(later.get(4).get(5, TimeUnit.SECONDS)).isEqualTo("r4");
            // the shared batch failed as a whole, then each of its items ran on its own
            assertThat(recorder.batches.get(1)).containsExactlyInAnyOrder(1, 2, -1, 3, 4);
            assertThat(recorder.batches.subList(2, recorder.batches.size())).hasSize(5).allMatch(b -> b.size() == 1);
            assertThat(recorder.completed.get()).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenTheDatabaseFailsEveryCallerGetsTheFailureAndLaterBatchesStillRun() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        GroupCommit<Integer, String> group = new GroupCommit<>(items -> {
            if (calls.incrementAndGet() <= 1) {
                throw new IllegalStateException("database down");
            }
            return items.stream().map(i -> "r" + i).toList();
        }, 100);

        assertThatThrownBy(() -> group.submit(1)).hasMessage("database down");
        assertThat(group.submit(2)).isEqualTo("r2");
    }

    @Test
    void manyConcurrentCallersAllComplete() throws Exception {
        AtomicInteger batches = new AtomicInteger();
        GroupCommit<Integer, Integer> group = new GroupCommit<>(items -> {
            batches.incrementAndGet();
            return items.stream().map(i -> i * 2).toList();
        }, 8);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int base = t * 1000;
                tasks.add(() -> {
                    for (int i = 0; i < 500; i++) {
                        if (group.submit(base + i) != 2 * (base + i)) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> f : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                assertThat(f.get()).isTrue();
            }
            assertThat(batches.get()).isBetween(16 * 500 / 8, 16 * 500);
        } finally {
            pool.shutdownNow();
        }
    }
}
