package io.entrascim.testkit.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * A load generator that spends as little of the shared CPU as it can per request, as wrk does (the tool the
 * reference ceilings of {@code limits.md} were measured with), over {@link LeanPostConnection}s. Through the JDK's
 * HttpClient the fast target measured 2,300-7,800 POST/s on two shared cores (the least when the client was still
 * cold), through this 9,500-19,800 (wrk measured 13,300-16,300 for a similar server, {@code limits.md}): the JDK
 * client's own CPU took the target's share, and a pipeline or a sink compared with that lower figure looked two to
 * four times as good as it is.
 */
public final class LeanPostLoad {

    /** Requests answered 201 and the rest, counted only from {@code measureFrom} on. */
    public record Counts(long created, long failed) {
    }

    private LeanPostLoad() {
    }

    /**
     * POST /Users with unique userNames over {@code connections} sockets until {@code end} (System.nanoTime());
     * requests that finish before {@code measureFrom} are the warm-up and are not counted.
     */
    public static Counts run(String baseUrl, String token, int connections, long measureFrom, long end)
            throws InterruptedException {
        AtomicLong created = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        onThreads(connections, "lean-load-", thread -> {
            long i = 0;
            while (System.nanoTime() < end) {
                try (LeanPostConnection connection = new LeanPostConnection(baseUrl, token)) {
                    while (System.nanoTime() < end) {
                        int status = connection.post("Users", rawUser("lean-" + thread + "-" + (i++)));
                        if (System.nanoTime() >= measureFrom) {
                            (status == 201 ? created : failed).incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    // a broken connection counts once and is reopened, as wrk does
                    if (System.nanoTime() >= measureFrom) {
                        failed.incrementAndGet();
                    }
                }
            }
        });
        return new Counts(created.get(), failed.get());
    }

    /** The raw load's user: a unique userName, a displayName, active. */
    public static String rawUser(String unique) {
        return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + unique
                + "@load.example\",\"displayName\":\"Raw Load\",\"active\":true}";
    }

    /** Runs {@code body} on {@code n} new threads (given 0..n-1) and waits for all of them. */
    public static void onThreads(int n, String name, IntConsumer body) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int thread = t;
            Thread th = new Thread(() -> body.accept(thread), name + t);
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
    }
}
