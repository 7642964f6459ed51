package io.entrascim.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code provisionctl status}: one view of the pipeline from every service's own API, asked in parallel. A service
 * that cannot be reached (or refuses) is shown as such; the others are still reported.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Health of each service, provisioning state (scim-sink's SCIM writes: RUNNING, PAUSED or QUARANTINED "
                + "with reason, since and next attempt; source-connector's Graph polling: RUNNING or PAUSED), the "
                + "deletion guard, current cycle progress, last successful cycle, failure and dead-letter counts, consumer lag per "
                + "group and topic (audit-service GET /api/pipeline/lag; shown as unavailable, never failing the command, "
                + "when it cannot be measured).",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:at least one service answered (the others are shown as UNREACHABLE or with their error; "
                + "an unavailable consumer lag or any other section that could not be read does not change the exit code)",
                "2:usage error (e.g. a --since that is neither an ISO instant nor an ISO duration)", "4:no service could be reached"})
final class StatusCommand extends OperatorCommand {

    /** The sink lists at most this many dead letters per call; more is shown as "1000+". */
    static final int DEAD_LETTER_PAGE = 1000;

    @Option(names = "--since", defaultValue = "P1D",
            description = "window of the failure counts: ISO duration back from now or ISO instant (default: ${DEFAULT-VALUE})")
    String since;

    @Option(names = "--progress-bar", negatable = true,
            description = "draw the cycle progress bar (default: only when stdout is a terminal)")
    Boolean progressBar;

    /** The outcome of one call: its JSON, or why there is none. */
    record Answer(JsonNode body, ServiceException error) {
        boolean ok() {
            return error == null;
        }

        String health() {
            return ok() ? body.asString() : error.kind() == ServiceException.Kind.UNREACHABLE ? "UNREACHABLE" : "ERROR";
        }
    }

    interface Call {
        JsonNode run() throws ServiceException;
    }

    @Override
    int execute(Context ctx) throws UsageException {
        Flags.instantOrDuration("--since", since);
        ServiceClient source = ctx.source();
        ServiceClient mapper = ctx.mapper();
        ServiceClient sink = ctx.sink();
        ServiceClient audit = ctx.audit();
        List<ServiceClient> services = List.of(source, mapper, sink, audit);
        ExecutorService pool = Executors.newFixedThreadPool(9, r -> {
            Thread t = new Thread(r, "provisionctl-status");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<Answer>> health = services.stream()
                    .map(s -> async(pool, () -> Json.MAPPER.getNodeFactory().stringNode(s.health()))).toList();
            CompletableFuture<Answer> sourceStatus = async(pool, () -> source.get("/api/status"));
            CompletableFuture<Answer> cycles = async(pool, () -> audit.get("/api/cycles/current"));
            CompletableFuture<Answer> summary = async(pool, () -> audit.get("/api/summary" + Query.of().add("from", since)));
            CompletableFuture<Answer> sinkState = async(pool, () -> sink.get("/api/state"));
            CompletableFuture<Answer> lag = async(pool, () -> audit.get("/api/pipeline/lag"));

            ObjectNode doc = Json.MAPPER.createObjectNode();
            var serviceArray = doc.putArray("services");
            boolean anyReached = false;
            for (int i = 0; i < services.size(); i++) {
                Answer a = health.get(i).join();
                anyReached |= a.ok() || a.error().kind() == ServiceException.Kind.ERROR;
                ObjectNode s = serviceArray.addObject();
                s.put("name", services.get(i).service());
                s.put("url", services.get(i).baseUrl());
                s.put("health", a.health());
                s.put("error", a.ok() ? null : a.error().getMessage());
            }
            Instant now = Instant.now();
            Answer state = sinkState.join();
            // a sink without GET /api/state (older build): the guard and the dead letters from their own endpoints
            boolean legacySink = !state.ok() && state.error().kind() == ServiceException.Kind.ERROR && state.error().status() == 404;
            Answer deletions = legacySink ? call(() -> sink.get("/api/deletions" + Query.of().add("limit", 1))) : state;
            Answer deadLetterList = legacySink
                    ? call(() -> sink.get("/api/dead-letters" + Query.of().add("limit", DEAD_LETTER_PAGE))) : null;
            doc.set("provisioning", provisioning(legacySink ? null : state, sourceStatus.join(), deletions, legacySink));
            doc.set("cycles", cycles(cycles.join(), now));
            doc.set("failures", failures(summary.join()));
            doc.set("deadLetters", legacySink ? deadLetters(deadLetterList) : deadLetters(state));
            Answer lagAnswer = lag.join();
            doc.set("consumerLag", ConsumerLag.section(lagAnswer.body(), lagAnswer.error()));
            boolean bar = progressBar != null ? progressBar : System.console() != null;
            ctx.output().detail(doc, csv(doc), out -> printText(out, doc, bar));
            if (!anyReached) {
                ctx.err().println("error: no service could be reached: " + String.join(", ",
                        services.stream().map(s -> s.service() + " at " + s.baseUrl()).toList()));
            }
            return anyReached ? ExitCodes.OK : ExitCodes.UNREACHABLE;
        } finally {
            pool.shutdownNow();
        }
    }

    private static CompletableFuture<Answer> async(ExecutorService pool, Call call) {
        return CompletableFuture.supplyAsync(() -> call(call), pool);
    }

    private static Answer call(Call call) {
        try {
            return new Answer(call.run(), null);
        } catch (ServiceException e) {
            return new Answer(null, e);
        }
    }

    /**
     * Per service: scim-sink's SCIM writes (RUNNING / PAUSED / QUARANTINED with the quarantine) and source-connector's
     * Graph polling (RUNNING / PAUSED); {@code state} sums them up, the worst first. The deletion guard adds whether
     * deletions are quarantined (held for an operator's allow/reject) while creates and updates keep flowing.
     * {@code sinkState} is null for a sink without {@code GET /api/state}; the guard then comes from
     * {@code GET /api/deletions}.
     */
    private static ObjectNode provisioning(Answer sinkState, Answer sourceStatus, Answer deletions, boolean legacySink) {
        ObjectNode p = Json.MAPPER.createObjectNode();
        ObjectNode k = Json.MAPPER.createObjectNode();
        if (sinkState == null) {
            k.put("state", "UNKNOWN");
            k.put("error", "scim-sink has no GET /api/state (older build): its pause and quarantine state is not shown");
        } else if (!sinkState.ok()) {
            k.put("state", "UNKNOWN");
            k.put("error", sinkState.error().getMessage());
        } else {
            JsonNode st = sinkState.body();
            k.put("state", st.path("provisioning").asString("UNKNOWN"));
            k.set("quarantine", st.path("quarantine").isObject() ? st.path("quarantine") : null);
            k.set("pausedBy", st.path("pausedBy").isArray() ? st.path("pausedBy") : Json.MAPPER.createArrayNode());
            // who paused, why and since when: the sink keeps an operator pause across its restarts
            k.set("operatorPause", st.path("operatorPause").isObject() ? st.path("operatorPause") : null);
        }
        ObjectNode src = Json.MAPPER.createObjectNode();
        if (!sourceStatus.ok()) {
            src.put("state", "UNKNOWN");
            src.put("error", sourceStatus.error().getMessage());
        } else {
            JsonNode s = sourceStatus.body();
            src.put("state", s.path("paused").asBoolean(false) ? "PAUSED" : "RUNNING");
            src.put("cycleInProgress", s.path("running").asBoolean(false));
            src.set("status", s);
        }
        p.put("state", overall(k.path("state").asString(), src.path("state").asString()));
        p.set("sink", k);
        p.set("source", src);
        ObjectNode d = p.putObject("deletions");
        if (!deletions.ok()) {
            d.put("error", deletions.error().getMessage());
        } else {
            JsonNode g = legacySink ? deletions.body().path("guard") : deletions.body().path("deletionGuard");
            d.put("quarantined", "TRIPPED".equals(g.path("state").asString("")));
            d.put("held", legacySink ? deletions.body().path("held").asInt(0) : g.path("held").asInt(0));
            d.set("guard", g);
        }
        return p;
    }

    /** QUARANTINED over PAUSED over RUNNING; UNKNOWN only when neither service said. */
    static String overall(String sink, String source) {
        for (String s : List.of("QUARANTINED", "PAUSED")) {
            if (s.equals(sink) || s.equals(source)) {
                return s;
            }
        }
        if ("UNKNOWN".equals(sink) && "UNKNOWN".equals(source)) {
            return "UNKNOWN";
        }
        return "RUNNING";
    }

    private static ObjectNode cycles(Answer a, Instant now) {
        ObjectNode c = Json.MAPPER.createObjectNode();
        if (!a.ok()) {
            c.put("error", a.error().getMessage());
            return c;
        }
        JsonNode current = a.body().path("current");
        if (current.isObject()) {
            ObjectNode copy = (ObjectNode) current.deepCopy();
            ProgressBar.addRate(copy, now);
            c.set("current", copy);
        } else {
            c.putNull("current");
        }
        c.set("lastSuccessful", a.body().path("lastSuccessful").isObject() ? a.body().path("lastSuccessful") : null);
        return c;
    }

    private ObjectNode failures(Answer a) {
        ObjectNode f = Json.MAPPER.createObjectNode();
        f.put("since", since);
        if (!a.ok()) {
            f.put("error", a.error().getMessage());
            return f;
        }
        f.put("total", a.body().path("total").asLong(0));
        f.put("failed", a.body().path("byStatus").path("FAILURE").asLong(0));
        f.set("byStatus", a.body().path("byStatus"));
        return f;
    }

    private static ObjectNode deadLetters(Answer a) {
        ObjectNode d = Json.MAPPER.createObjectNode();
        if (!a.ok()) {
            d.put("error", a.error().getMessage());
            return d;
        }
        if (a.body().path("deadLetters").isNumber()) {
            d.put("count", a.body().path("deadLetters").asLong());
            d.put("atLeast", false);
            return d;
        }
        int n = a.body().path("items").size();
        d.put("count", n);
        d.put("atLeast", n >= DEAD_LETTER_PAGE);
        return d;
    }

    private static Table csv(JsonNode doc) {
        Table t = new Table("section", "name", "value");
        for (JsonNode s : doc.path("services")) {
            t.row("health", s.path("name").asString(), s.path("health").asString());
        }
        JsonNode prov = doc.path("provisioning");
        t.row("provisioning", "state", Output.text(prov.path("state")));
        t.row("provisioning", "sink", Output.text(prov.path("sink").path("state")));
        t.row("provisioning", "quarantineReason", Output.text(prov.path("sink").path("quarantine").path("reason")));
        t.row("provisioning", "quarantineSince", Output.text(prov.path("sink").path("quarantine").path("since")));
        t.row("provisioning", "quarantineNextAttempt", Output.text(prov.path("sink").path("quarantine").path("nextAttempt")));
        t.row("provisioning", "operatorPauseSince", Output.text(prov.path("sink").path("operatorPause").path("since")));
        t.row("provisioning", "operatorPauseBy", Output.text(prov.path("sink").path("operatorPause").path("by")));
        t.row("provisioning", "operatorPauseReason", Output.text(prov.path("sink").path("operatorPause").path("reason")));
        t.row("provisioning", "source", Output.text(prov.path("source").path("state")));
        t.row("provisioning", "deletionsQuarantined", Output.text(doc.path("provisioning").path("deletions").path("quarantined")));
        t.row("provisioning", "deletionsHeld", Output.text(doc.path("provisioning").path("deletions").path("held")));
        JsonNode cur = doc.path("cycles").path("current");
        for (String k : List.of("cycleId", "origin", "phase", "percentComplete", "processedObjects", "expectedObjects",
                "ratePerSecond", "etaSeconds")) {
            t.row("currentCycle", k, Output.text(cur.path(k)));
        }
        JsonNode last = doc.path("cycles").path("lastSuccessful");
        t.row("lastSuccessfulCycle", "cycleId", Output.text(last.path("cycleId")));
        t.row("lastSuccessfulCycle", "completedAt", Output.text(last.path("completedAt")));
        t.row("failures", "failed", Output.text(doc.path("failures").path("failed")));
        t.row("failures", "total", Output.text(doc.path("failures").path("total")));
        t.row("deadLetters", "count", Output.text(doc.path("deadLetters").path("count")));
        ConsumerLag.addCsvRows(t, doc.path("consumerLag"));
        return t;
    }

    private static void printText(PrintWriter out, JsonNode doc, boolean bar) {
        Table t = new Table("SERVICE", "URL", "HEALTH");
        for (JsonNode s : doc.path("services")) {
            t.row(s.path("name").asString(), s.path("url").asString(), s.path("health").asString());
        }
        t.printText(out);
        for (JsonNode s : doc.path("services")) {
            if (Output.text(s.path("error")) != null && !s.path("health").asString().equals("UNREACHABLE")) {
                out.println("  " + s.path("error").asString());
            }
        }
        out.println();
        JsonNode p = doc.path("provisioning");
        out.println("Provisioning: " + p.path("state").asString());
        JsonNode k = p.path("sink");
        if (k.has("error")) {
            out.println("  scim-sink (SCIM writes): UNKNOWN (" + k.path("error").asString() + ")");
        } else {
            String hint = switch (k.path("state").asString("")) {
                case "QUARANTINED" -> ": 'provisionctl restart --scope quarantine' releases it now";
                case "PAUSED" -> ": 'provisionctl resume' resumes it (an operator pause is kept across sink restarts)";
                default -> "";
            };
            out.println("  scim-sink (SCIM writes): " + SinkState.line(stateOf(k)) + hint);
        }
        JsonNode src = p.path("source");
        JsonNode st = src.path("status");
        if (src.has("error")) {
            out.println("  source-connector (Graph polling): UNKNOWN (" + src.path("error").asString() + ")");
        } else {
            out.println("  source-connector (Graph polling): " + src.path("state").asString() + (st.path("running").asBoolean(false)
                    ? " - cycle " + Output.orDash(st.path("currentCycleId")) + " in progress (phase " + Output.orDash(st.path("phase"))
                    + ", " + st.path("emittedInCycle").asLong() + " events emitted, " + st.path("pagesInCycle").asLong() + " Graph pages)"
                    : " - idle between cycles") + ", sync scope " + Output.orDash(st.path("syncScope"))
                    + (src.path("state").asString().equals("PAUSED") ? ": 'provisionctl resume --source' resumes it" : ""));
        }
        JsonNode deletions = p.path("deletions");
        if (deletions.has("error")) {
            out.println("Deletions: unknown (" + deletions.path("error").asString() + ")");
        } else if (deletions.path("quarantined").asBoolean()) {
            out.println("Deletions: QUARANTINED, " + deletions.path("held").asInt() + " held ("
                    + Output.orDash(deletions.path("guard").path("reason")) + "): 'provisionctl deletions list', then allow or reject");
        } else {
            out.println("Deletions: flowing (" + DeletionsCommand.guardLine(deletions.path("guard")) + ")");
        }
        JsonNode cycles = doc.path("cycles");
        if (cycles.has("error")) {
            out.println("Cycles: unknown (" + cycles.path("error").asString() + ")");
        } else {
            JsonNode c = cycles.path("current");
            if (c.isObject()) {
                out.println("Current cycle: " + Output.orDash(c.path("cycleId")) + " " + Output.orDash(c.path("origin")) + " "
                        + Output.orDash(c.path("phase")) + ", started " + Output.orDash(c.path("startedAt")));
                StringBuilder line = new StringBuilder("  ");
                if (c.path("percentComplete").isNumber()) {
                    double pct = c.path("percentComplete").asDouble();
                    line.append(bar ? ProgressBar.render(pct, 30) : String.format(java.util.Locale.ROOT, "%.1f%%", pct)).append("  ");
                }
                long expected = c.path("expectedObjects").asLong(-1);
                line.append(c.path("processedObjects").asLong()).append(expected >= 0 ? "/" + expected : "").append(" objects");
                if (c.path("ratePerSecond").isNumber()) {
                    line.append(", ").append(c.path("ratePerSecond").asDouble()).append(" objects/s");
                }
                if (c.path("etaSeconds").isNumber()) {
                    line.append(", ETA ").append(ProgressBar.duration(c.path("etaSeconds").asLong()));
                }
                out.println(line);
            } else {
                out.println("Current cycle: none reported yet");
            }
            JsonNode last = cycles.path("lastSuccessful");
            out.println("Last successful cycle: " + (last.isObject() ? Output.orDash(last.path("cycleId")) + " "
                    + Output.orDash(last.path("origin")) + ", completed " + Output.orDash(last.path("completedAt")) + ", "
                    + last.path("processedObjects").asLong() + " objects" : "none"));
        }
        JsonNode f = doc.path("failures");
        if (f.has("error")) {
            out.println("Failures: unknown (" + f.path("error").asString() + ")");
        } else {
            StringBuilder by = new StringBuilder();
            for (Map.Entry<String, JsonNode> e : f.path("byStatus").properties()) {
                by.append(by.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().asLong());
            }
            out.println("Failures (since " + f.path("since").asString() + "): " + f.path("failed").asLong() + " of "
                    + f.path("total").asLong() + " results" + (by.isEmpty() ? "" : " (" + by + ")"));
        }
        JsonNode d = doc.path("deadLetters");
        out.println("Dead-lettered commands: " + (d.has("error") ? "unknown (" + d.path("error").asString() + ")"
                : d.path("count").asLong() + (d.path("atLeast").asBoolean() ? "+" : "")));
        ConsumerLag.printText(out, doc.path("consumerLag"));
    }

    /** The status document's sink section in the shape of the sink's own state document, for {@link SinkState#line}. */
    private static JsonNode stateOf(JsonNode sinkSection) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.set("provisioning", sinkSection.path("state"));
        n.set("quarantine", sinkSection.path("quarantine"));
        n.set("pausedBy", sinkSection.path("pausedBy"));
        n.set("operatorPause", sinkSection.path("operatorPause"));
        return n;
    }
}
