package io.entrascim.testkit.scim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Fault plan of a {@link ScimTarget}: faults for the next N requests or for a time window. */
public final class ScimFaults {

    private record Counted(Fault fault, AtomicInteger remaining) {
    }

    private record Windowed(Fault fault, Instant until) {
    }

    private final ConcurrentLinkedQueue<Counted> counted = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Windowed> windowed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger injected = new AtomicInteger();
    private final Clock clock = Clock.systemUTC();

    ScimFaults() {
    }

    /** Applies {@code fault} to the next {@code n} requests it matches. */
    public ScimFaults next(int n, Fault fault) {
        counted.add(new Counted(fault, new AtomicInteger(n)));
        return this;
    }

    /** Applies {@code fault} to every matching request from now for {@code window}. */
    public ScimFaults during(Duration window, Fault fault) {
        windowed.add(new Windowed(fault, clock.instant().plus(window)));
        return this;
    }

    /** Removes every pending fault. */
    public void clear() {
        counted.clear();
        windowed.clear();
    }

    /** How many requests were answered by a fault so far. */
    public int injectedCount() {
        return injected.get();
    }

    Optional<Fault> take(String method) {
        Instant now = clock.instant();
        for (Iterator<Windowed> it = windowed.iterator(); it.hasNext(); ) {
            Windowed w = it.next();
            if (now.isAfter(w.until())) {
                it.remove();
            } else if (w.fault().appliesTo(method)) {
                injected.incrementAndGet();
                return Optional.of(w.fault());
            }
        }
        for (Iterator<Counted> it = counted.iterator(); it.hasNext(); ) {
            Counted c = it.next();
            if (!c.fault().appliesTo(method)) {
                continue;
            }
            int left = c.remaining().getAndDecrement();
            if (left <= 0) {
                it.remove();
                continue;
            }
            if (left == 1) {
                it.remove();
            }
            injected.incrementAndGet();
            return Optional.of(c.fault());
        }
        return Optional.empty();
    }
}
