package io.entrascim.sink.core;

import io.entrascim.contracts.ProvisioningCommand;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Notification e-mail as Entra sends it, without the flood: dead-lettered commands and staged
 * deletions are collected into one digest per interval (counts and a few examples, never one mail per
 * object); entering quarantine (or a change of its reason) and the deletion guard tripping are mailed
 * at once, once per reason. Bodies carry ids, operations, error codes and reasons, never tokens.
 */
public final class Notifier implements SinkEvents, Quarantine.Listener {

    /** Delivers one mail; must not throw. */
    @FunctionalInterface
    public interface Mailer {
        void send(String subject, String body);
    }

    private record Example(String commandId, String sourceObjectId, String operation, String detail) {
        @Override
        public String toString() {
            return "  - " + operation + " " + sourceObjectId + " (command " + commandId + "): " + detail;
        }
    }

    private final Mailer mailer;
    private final String jobId;
    private final int maxExamples;
    private final List<Example> failureExamples = new ArrayList<>();
    private final List<Example> stagedExamples = new ArrayList<>();
    private final Set<String> guardReasonsMailed = new HashSet<>();
    private int failures;
    private int staged;

    public Notifier(Mailer mailer, String jobId, int maxExamples) {
        this.mailer = mailer;
        this.jobId = jobId;
        this.maxExamples = maxExamples;
    }

    @Override
    public synchronized void deadLettered(ProvisioningCommand c, Outcome.Failure f) {
        failures++;
        if (failureExamples.size() < maxExamples) {
            failureExamples.add(new Example(c.commandId(), c.sourceObjectId(), c.operation().name(),
                    f.errorCode() + (f.httpStatus() == null ? "" : " (HTTP " + f.httpStatus() + ")") + ": " + clip(f.reason())));
        }
    }

    @Override
    public void staged(ProvisioningCommand c, String reason) {
        boolean first;
        synchronized (this) {
            staged++;
            if (stagedExamples.size() < maxExamples) {
                stagedExamples.add(new Example(c.commandId(), c.sourceObjectId(), c.operation().name(), "held"));
            }
            first = guardReasonsMailed.add(reason);
        }
        if (first) {
            mailer.send("[scim-sink " + jobId + "] Accidental-deletion guard tripped: deletions are held",
                    "Provisioning of deletions has been quarantined.\n\nReason: " + reason + "\n\n"
                            + "Further disables and deletes are held (action STAGED_DELETE); creates and updates keep flowing.\n"
                            + "Review them:  GET /api/deletions   (provisionctl deletions)\n"
                            + "Allow them:   POST /api/deletions/allow\n"
                            + "Reject them:  POST /api/deletions/reject\n\n"
                            + "First held: " + c.operation() + " " + c.sourceObjectId() + " (command " + c.commandId() + ")\n");
        }
    }

    @Override
    public void entered(Quarantine.Status s, boolean reasonChanged) {
        mailer.send("[scim-sink " + jobId + "] Provisioning " + (reasonChanged ? "quarantine reason changed" : "has been quarantined"),
                "Provisioning has been quarantined: the sink stopped sending commands to the SCIM target.\n\n"
                        + "Reason: " + s.reason() + "\n"
                        + "Quarantined since: " + s.since() + "\n"
                        + "Next attempt: " + s.nextAttempt() + " (failed attempts so far: " + s.seriesCount() + ")\n\n"
                        + "Quarantine is left on the first successful call. After fixing the cause, release it now with\n"
                        + "POST /api/quarantine/release  (provisionctl restart --scope quarantine)\n");
    }

    @Override
    public void left(String why) {
        // no mail: the digest after recovery and the audit log show the outcome
    }

    /** Sends the digest when something happened since the last one; called once per digest interval. */
    public void flush(Instant now) {
        String body;
        int f;
        int s;
        synchronized (this) {
            if (failures == 0 && staged == 0) {
                return;
            }
            f = failures;
            s = staged;
            StringBuilder b = new StringBuilder("Provisioning digest up to ").append(now).append(".\n\n");
            if (f > 0) {
                b.append(f).append(" command(s) failed and were dead-lettered (topic scim.commands.v1.dlt).\n");
                b.append("Examples:\n");
                failureExamples.forEach(e -> b.append(e).append('\n'));
                b.append("List them with GET /api/dead-letters, replay with POST /api/dead-letters/replay.\n\n");
            }
            if (s > 0) {
                b.append(s).append(" disable/delete command(s) held by the accidental-deletion guard.\n");
                b.append("Examples:\n");
                stagedExamples.forEach(e -> b.append(e).append('\n'));
                b.append("Review with GET /api/deletions; allow or reject with POST /api/deletions/allow | /reject.\n");
            }
            body = b.toString();
            failures = 0;
            staged = 0;
            failureExamples.clear();
            stagedExamples.clear();
        }
        mailer.send("[scim-sink " + jobId + "] " + f + " failure(s), " + s + " staged deletion(s)", body);
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
