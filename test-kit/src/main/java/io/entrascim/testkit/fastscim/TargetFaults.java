package io.entrascim.testkit.fastscim;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time windows during which a {@link FastScimTarget} misbehaves the way real targets do under load: it answers a
 * status (429 with {@code Retry-After}, 503) instead of doing the work, or it does the work slowly. Windows are
 * measured on {@link System#nanoTime()} so that a storm made of back-to-back windows has no gap and no overlap.
 */
public final class TargetFaults {

    /**
     * One misbehaviour.
     *
     * @param status     HTTP status answered instead of the real answer, 0 for a slow (but otherwise normal) answer
     * @param retryAfter the {@code Retry-After} header sent with the status (whole seconds, rounded up), null for none
     * @param minDelay   for a slow answer: the shortest delay before the request is handled
     * @param maxDelay   for a slow answer: the longest delay (each request waits a uniform random delay in between)
     */
    public record Fault(int status, Duration retryAfter, Duration minDelay, Duration maxDelay) {

        public Fault {
            if (status == 0 && (minDelay == null || maxDelay == null || maxDelay.compareTo(minDelay) < 0)) {
                throw new IllegalArgumentException("a slow fault needs minDelay <= maxDelay");
            }
        }

        /** {@code status} with a SCIM Error body and, when {@code retryAfter} is not null, a {@code Retry-After} header. */
        public static Fault status(int status, Duration retryAfter) {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("a fault status must be 4xx or 5xx, not " + status);
            }
            return new Fault(status, retryAfter, null, null);
        }

        /** Handles the request normally after a random delay between {@code min} and {@code max}. */
        public static Fault slow(Duration min, Duration max) {
            return new Fault(0, null, min, max);
        }

        boolean isSlow() {
            return status == 0;
        }

        long retryAfterSeconds() {
            return (retryAfter.toMillis() + 999) / 1000;
        }

        long delayMillis() {
            long min = minDelay.toMillis();
            long max = maxDelay.toMillis();
            return max == min ? min : ThreadLocalRandom.current().nextLong(min, max + 1);
        }
    }

    private record Window(long fromNanos, long untilNanos, Fault fault) {
    }

    private final CopyOnWriteArrayList<Window> windows = new CopyOnWriteArrayList<>();
    private final AtomicLong statusAnswers = new AtomicLong();
    private final AtomicLong slowAnswers = new AtomicLong();

    TargetFaults() {
    }

    /** Applies {@code fault} to every request from now for {@code lasting}. */
    public TargetFaults during(Duration lasting, Fault fault) {
        return between(Duration.ZERO, lasting, fault);
    }

    /** Applies {@code fault} to every request from {@code after} from now, for {@code lasting}. */
    public TargetFaults between(Duration after, Duration lasting, Fault fault) {
        long from = System.nanoTime() + after.toNanos();
        windows.add(new Window(from, from + lasting.toNanos(), fault));
        return this;
    }

    /** Removes every window, current and future. */
    public void clear() {
        windows.clear();
    }

    /** True while a window is current or still to come. */
    public boolean pending() {
        long now = System.nanoTime();
        return windows.stream().anyMatch(w -> now < w.untilNanos());
    }

    /** Requests answered with a fault status so far. */
    public long statusAnswers() {
        return statusAnswers.get();
    }

    /** Requests delayed so far. */
    public long slowAnswers() {
        return slowAnswers.get();
    }

    /** The fault of the first window current now, counting it as injected. */
    Optional<Fault> current() {
        long now = System.nanoTime();
        for (Window w : windows) {
            if (now >= w.fromNanos() && now < w.untilNanos()) {
                (w.fault().isSlow() ? slowAnswers : statusAnswers).incrementAndGet();
                return Optional.of(w.fault());
            }
        }
        return Optional.empty();
    }
}
