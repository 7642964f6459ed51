package io.entrascim.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import tools.jackson.databind.JsonNode;

/**
 * {@code bin/run-local}: starts the whole pipeline, shows the initial cycle's progress, then proves the
 * path end to end with one demo user created in the tenant, and runs until Ctrl-C.
 */
public final class LocalPipeline {

    private LocalPipeline() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        LocalStackOptions options;
        if (List.of(args).contains("-h") || List.of(args).contains("--help")) {
            out.print(LocalStackOptions.USAGE);
            return;
        }
        try {
            options = LocalStackOptions.parse(List.of(args), Path.of("").toAbsolutePath(), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        long t0 = System.nanoTime();
        LocalStack stack;
        try {
            stack = LocalStack.start(options, out);
        } catch (Exception e) {
            System.err.println("[run-local] could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("\n[run-local] stopping ...");
            stack.close();
            out.println("[run-local] stopped");
            stopped.countDown();
        }, "run-local-shutdown"));
        out.printf("[run-local] everything is up after %.1f s%n", (System.nanoTime() - t0) / 1e9);
        printWhereToLook(stack, out);

        ScimProbe scim = new ScimProbe(stack.scimBaseUrl(), stack.scimToken());
        AuditProbe audit = new AuditProbe(stack.service("audit-service").baseUrl(), stack.auditReaderToken());
        Progress progress = new Progress(out, System.console() != null);
        boolean demoShown = false;
        String lastCounts = "";
        int stableRounds = 0;
        while (stopped.getCount() > 0) {
            long users = scim.count("Users");
            long groups = scim.count("Groups");
            JsonNode summary = audit.summary();
            progress.show(stack, users, groups, summary);
            // the initial cycle is over when neither the target nor the audit log has moved for 10 s
            String counts = users + "/" + groups + "/" + (summary == null ? -1 : summary.path("total").asLong());
            stableRounds = counts.equals(lastCounts) && users > 0 && summary != null ? stableRounds + 1 : 0;
            lastCounts = counts;
            if (!demoShown && stack.tenant() != null && stableRounds >= 5) {
                progress.newline();
                DemoUser.createAndWatch(stack, scim, audit, out);
                printMemory(stack, out);
                demoShown = true;
            }
            Thread.sleep(2000);
        }
    }

    private static void printWhereToLook(LocalStack stack, PrintStream out) {
        out.println();
        out.println("  audit API (provisioning log)  " + stack.service("audit-service").baseUrl() + "/api/provisioning-logs");
        out.println("      reader token              " + stack.auditReaderToken());
        out.println("      operator token            " + stack.auditOperatorToken());
        out.println("      e.g. curl -H 'Authorization: Bearer " + stack.auditReaderToken() + "' "
                + stack.service("audit-service").baseUrl() + "/api/summary");
        if (stack.target() != null) {
            out.println("  SCIM target                   " + stack.target().baseUrl() + "   (bearer " + stack.target().token() + ")");
        } else if (stack.fastTarget() != null) {
            out.println("  fast SCIM target              " + stack.fastTarget().baseUrl() + "   (bearer " + stack.fastTarget().token() + ")");
        } else {
            out.println("  SCIM target                   " + stack.scimBaseUrl());
        }
        if (stack.tenant() != null) {
            out.println("  demo Entra tenant (Graph)     " + stack.tenant().graphUrl() + "/users/delta");
            out.println("      change it                 " + stack.tenant().baseUrl() + "/_demo/...   (curl " + stack.tenant().baseUrl()
                    + "/_demo/info lists every route; see README.md)");
        }
        for (Map.Entry<String, ServiceProcess> e : stack.services().entrySet()) {
            out.printf("  %-29s %s   log %s%n", e.getKey(), e.getValue().baseUrl(), e.getValue().log());
        }
        out.println("  Ctrl-C stops everything.");
        out.println();
    }

    private static void printMemory(LocalStack stack, PrintStream out) {
        StringBuilder line = new StringBuilder("[run-local] resident memory:");
        stack.services().forEach((name, p) -> line.append(' ').append(name).append(' ').append(p.rssKib() / 1024).append(" MiB,"));
        if (stack.broker() != null) {
            line.append(" kafka ").append(ProcStat.rssKib(stack.broker().pid()) / 1024).append(" MiB,");
        }
        line.append(" launcher (PostgreSQL runs apart; tenant and target in here) ")
                .append(ProcStat.rssKib(ProcessHandle.current().pid()) / 1024).append(" MiB");
        out.println(line);
    }

    /** The one-line status, redrawn in place on a terminal, appended every 2 s otherwise. */
    static final class Progress {
        private final PrintStream out;
        private final boolean terminal;
        private long lastPrinted;

        Progress(PrintStream out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        void show(LocalStack stack, long users, long groups, JsonNode summary) {
            StringBuilder line = new StringBuilder();
            if (stack.tenant() != null) {
                line.append("tenant ").append(stack.tenant().userCount()).append(" users/")
                        .append(stack.tenant().groupCount()).append(" groups | ");
            }
            line.append("SCIM target ").append(users < 0 ? "?" : users).append(" users/")
                    .append(groups < 0 ? "?" : groups).append(" groups | audit ");
            if (summary == null) {
                line.append("starting");
            } else {
                line.append(summary.path("total").asLong()).append(" results");
                summary.path("byStatus").properties().forEach(e -> line.append(", ")
                        .append(e.getValue().asLong()).append(' ').append(e.getKey().toLowerCase()));
            }
            if (terminal) {
                out.print("\r" + line + "    ");
                out.flush();
            } else if (System.currentTimeMillis() - lastPrinted > 10_000) {
                out.println("[run-local] " + line);
                lastPrinted = System.currentTimeMillis();
            }
        }

        void newline() {
            if (terminal) {
                out.println();
            }
        }
    }

    /** Creates one assigned user in the demo tenant and reports how long until the SCIM target and the audit log have it. */
    static final class DemoUser {
        private DemoUser() {
        }

        static void createAndWatch(LocalStack stack, ScimProbe scim, AuditProbe audit, PrintStream out) throws InterruptedException {
            String upn = "demo.user." + System.currentTimeMillis() + "@contoso.example";
            long start = System.nanoTime();
            String id = stack.tenant().createUser(upn, "Demo User");
            stack.tenant().assign(id);
            // what a Graph change notification would do: start an incremental cycle now instead of at the next poll
            SourceControl.triggerCycle(stack.service("source-connector").baseUrl());
            out.println("[run-local] created " + upn + " (" + id + ") in the demo tenant and assigned it to the app");
            Duration inScim = null;
            Duration inAudit = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && (inScim == null || inAudit == null)) {
                if (inScim == null && scim.userExists(upn)) {
                    inScim = Duration.ofNanos(System.nanoTime() - start);
                }
                if (inAudit == null) {
                    JsonNode entries = audit.entriesFor(id);
                    if (entries != null && entries.path("items").size() > 0) {
                        inAudit = Duration.ofNanos(System.nanoTime() - start);
                    }
                }
                Thread.sleep(50);
            }
            out.println("[run-local] " + upn + " -> SCIM target: " + (inScim == null ? "not within 60 s" : inScim.toMillis() + " ms")
                    + ", audit log: " + (inAudit == null ? "not within 60 s" : inAudit.toMillis() + " ms"));
        }
    }
}
