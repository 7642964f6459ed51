package io.entrascim.sink.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether the SCIM target answers, for readiness: Entra's Test Connection request, at most once per
 * {@code interval} (health calls in between get the last verdict), so load balancers and probes polling
 * health every second never put load on the target. Verdicts never contain the token.
 */
public final class TargetReachability {

    /**
     * @param up         the target answers and accepts the token (429 counts as up: it is alive, the sink slows down)
     * @param reason     short cause: {@code reachable}, {@code throttling}, {@code unreachable}, {@code unauthorized},
     *                   {@code forbidden}, {@code not-found}, {@code server-error}, {@code ignores-filter}, {@code http-<status>}
     * @param httpStatus the target's status, null when it did not answer
     * @param message    what happened and what to check
     * @param checkedAt  when the target was asked
     * @param durationMs how long it took
     */
    public record Verdict(boolean up, String reason, Integer httpStatus, String message, Instant checkedAt, long durationMs) {
    }

    private final ConnectionTester tester;
    private final Duration interval;
    private final Clock clock;
    private Verdict last;

    /** @param tester a tester over a client without retries and with short timeouts */
    public TargetReachability(ConnectionTester tester, Duration interval, Clock clock) {
        this.tester = tester;
        this.interval = interval;
        this.clock = clock;
    }

    /** The last verdict, asking the target first when it is older than the interval. */
    public synchronized Verdict current() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(last.checkedAt().plus(interval))) {
            last = probe(now);
        }
        return last;
    }

    private Verdict probe(Instant now) {
        ConnectionTester.Report r = tester.test();
        Integer status = r.httpStatus();
        if (r.ok()) {
            return new Verdict(true, "reachable", status, r.message(), now, r.durationMs());
        }
        String reason;
        boolean up = false;
        if (status == null) {
            reason = "unreachable";
        } else if (status == 401) {
            reason = "unauthorized";
        } else if (status == 403) {
            reason = "forbidden";
        } else if (status == 404) {
            reason = "not-found";
        } else if (status == 429) {
            reason = "throttling";
            up = true;
        } else if (status >= 500) {
            reason = "server-error";
        } else if (status >= 200 && status < 300) {
            reason = "ignores-filter";
        } else {
            reason = "http-" + status;
        }
        return new Verdict(up, reason, status, r.message(), now, r.durationMs());
    }
}
