package io.entrascim.sink.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Entra's quarantine, the long-term state of a target that rejects most calls (the circuit breaker
 * handles short outages). Entered on a credential failure (401/403, regardless of counts), on a
 * failure ratio over a sliding window of calls, or on an outage longer than {@code sustainedOutage};
 * while in it, the command in hand is tried again only at the scheduled attempts (the last interval of
 * {@code retrySchedule} repeats). Left on the first successful call or when an operator releases it.
 * Thread-safe; waiting happens in {@link #awaitAttempt()}.
 */
public final class Quarantine {

    /**
     * @param enabled         false = never quarantined
     * @param failureRatio    share of failed calls in {@code window} that quarantines
     * @param window          sliding window of calls
     * @param minimumCalls    calls in the window before the ratio counts
     * @param sustainedOutage an outage this long quarantines
     * @param retrySchedule   waits between attempts; the last one repeats
     */
    public record Settings(boolean enabled, double failureRatio, Duration window, int minimumCalls,
                           Duration sustainedOutage, List<Duration> retrySchedule) {
        public Settings {
            retrySchedule = List.copyOf(retrySchedule);
            if (retrySchedule.isEmpty()) {
                throw new IllegalArgumentException("sink.quarantine.retry-schedule needs at least one duration");
            }
        }
    }

    /** Graph's quarantine fields: {@code since} = currentBegan, {@code seriesCount} = failed attempts since. */
    public record Status(String reason, Instant since, Instant nextAttempt, int seriesCount) {
    }

    /** Told about entries, reason changes and exits (notifications, metrics, binding pause). */
    public interface Listener {
        void entered(Status status, boolean reasonChanged);

        void left(String why);
    }

    private record Call(Instant at, boolean failed) {
    }

    private final Settings settings;
    private final Deque<Call> calls = new ArrayDeque<>();
    private int failedInWindow;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private Status status;

    public Quarantine(Settings settings) {
        this.settings = settings;
    }

    public void listener(Listener l) {
        listeners.add(l);
    }

    public Settings settings() {
        return settings;
    }

    public synchronized Status status() {
        return status;
    }

    public synchronized boolean active() {
        return status != null;
    }

    /** Every SCIM request's answer ({@code status} -1 = none). */
    public void call(int httpStatus, Instant now) {
        if (!settings.enabled()) {
            return;
        }
        if (httpStatus >= 200 && httpStatus < 400) {
            leave("a call to the target succeeded (HTTP " + httpStatus + ")");
            record(false, now);
            return;
        }
        if (httpStatus == 404 || httpStatus == 409) {
            // "not found" / "already exists" drive matching; they prove the target answers, they are no failure
            record(false, now);
            return;
        }
        if (httpStatus == 401 || httpStatus == 403) {
            failure("EncounteredQuarantineException: the target rejected the credentials (HTTP " + httpStatus
                    + "); check sink.scim.token and the token's rights", now);
            return;
        }
        // other 4xx for one object count toward the ratio, as Entra's escrows do
        String ratio = record(true, now);
        Status current = status();
        if (current != null) {
            failure(current.reason(), now);
        } else if (ratio != null) {
            failure(ratio, now);
        }
    }

    /** The target has been unavailable (breaker open, 5xx/transport) since {@code since}. */
    public void unavailableSince(Instant since, Instant now) {
        if (settings.enabled() && Duration.between(since, now).compareTo(settings.sustainedOutage()) >= 0) {
            failure("EncounteredSustainedOutage: the target has not answered successfully since " + since
                    + " (longer than " + settings.sustainedOutage() + ")", now);
        }
    }

    /**
     * Enters quarantine, or counts a failed scheduled attempt while in it and schedules the next one
     * (failures before the attempt is due, e.g. retries within one attempt, count once).
     */
    public void failure(String reason, Instant now) {
        if (!settings.enabled()) {
            return;
        }
        Status entered;
        boolean changed;
        synchronized (this) {
            if (status == null) {
                status = new Status(reason, now, now.plus(wait(0)), 0);
                changed = false;
            } else {
                changed = !sameKind(status.reason(), reason);
                if (!changed && now.isBefore(status.nextAttempt())) {
                    return;
                }
                int n = status.seriesCount() + 1;
                status = new Status(changed ? reason : status.reason(), status.since(), now.plus(wait(n)), n);
                if (!changed) {
                    return;
                }
            }
            entered = status;
            notifyAll();
        }
        listeners.forEach(l -> l.entered(entered, changed));
    }

    /** Operator's release ({@code provisionctl restart --scope quarantine}): the next attempt is now. */
    public void release() {
        leave("released by an operator");
    }

    /**
     * Returns at once when not quarantined; otherwise blocks until the next scheduled attempt, a
     * release, or an exit.
     */
    public synchronized void awaitAttempt() throws InterruptedException {
        while (status != null) {
            long ms = Duration.between(Instant.now(), status.nextAttempt()).toMillis();
            if (ms <= 0) {
                return;
            }
            wait(ms);
        }
    }

    private void leave(String why) {
        synchronized (this) {
            if (status == null) {
                return;
            }
            status = null;
            calls.clear();
            failedInWindow = 0;
            notifyAll();
        }
        listeners.forEach(l -> l.left(why));
    }

    private Duration wait(int attempt) {
        List<Duration> s = settings.retrySchedule();
        return s.get(Math.min(attempt, s.size() - 1));
    }

    private static boolean sameKind(String a, String b) {
        return a.substring(0, Math.max(0, a.indexOf(':'))).equals(b.substring(0, Math.max(0, b.indexOf(':'))));
    }

    /** @return the ratio reason when the window is over the threshold, else null */
    private synchronized String record(boolean failed, Instant now) {
        calls.addLast(new Call(now, failed));
        failedInWindow += failed ? 1 : 0;
        Instant from = now.minus(settings.window());
        while (!calls.isEmpty() && calls.peekFirst().at().isBefore(from)) {
            failedInWindow -= calls.removeFirst().failed() ? 1 : 0;
        }
        if (calls.size() >= settings.minimumCalls() && failedInWindow >= settings.failureRatio() * calls.size()) {
            return "EncounteredEscrowProportionThreshold: " + failedInWindow + " of the last " + calls.size()
                    + " calls within " + settings.window() + " failed (threshold " + settings.failureRatio() + ")";
        }
        return null;
    }
}
