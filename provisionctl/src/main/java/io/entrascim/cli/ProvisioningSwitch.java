package io.entrascim.cli;

import java.io.PrintWriter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pause or resume: scim-sink's SCIM writes always, source-connector's Graph polling on request. Every requested
 * service is called even when one fails, so a half-done switch is reported as such instead of hidden by the first
 * error (the exit code is then that error's).
 * <p>
 * The sink keeps an operator pause across its own restarts, so "paused" may be older than anyone remembers: the
 * sink's state is read first (best effort) to say whether the call changed anything or found it already so.
 */
final class ProvisioningSwitch {

    private ProvisioningSwitch() {
    }

    /** {@code reason}: for a pause, why (the sink stores it with the OS user name); null for none. */
    static int apply(OperatorCommand.Context ctx, boolean pause, boolean source, String reason) throws ServiceException {
        String verb = pause ? "pause" : "resume";
        ObjectNode doc = Json.MAPPER.createObjectNode();
        Table csv = new Table("service", "state");
        ServiceException failure = null;
        // sink first on both ways: a pause stops writes as early as possible, a resume has the sink ready before the
        // source's resume triggers a cycle
        Boolean wasPaused = operatorPaused(ctx);
        doc.put("sinkWasPaused", wasPaused);
        try {
            JsonNode state = ctx.sink().post("/api/" + verb, pause ? pauseRequest(reason) : null);
            doc.set("sink", state);
            csv.row("scim-sink", Output.text(state.path("provisioning")));
        } catch (ServiceException e) {
            doc.putObject("sink").put("error", e.getMessage());
            csv.row("scim-sink", "ERROR");
            failure = e;
        }
        if (source) {
            try {
                JsonNode r = ctx.source().post("/api/" + verb, null);
                doc.set("source", r);
                csv.row("source-connector", r.path("paused").asBoolean() ? "PAUSED" : "RUNNING");
            } catch (ServiceException e) {
                doc.putObject("source").put("error", e.getMessage());
                csv.row("source-connector", "ERROR");
                failure = failure == null ? e : failure;
            }
        }
        ctx.output().detail(doc, csv, out -> printText(out, ctx.settings(), doc, pause, source, wasPaused));
        if (failure != null) {
            ctx.err().println("error: " + failure.getMessage());
            if (doc.path("sink").has("error") != doc.path("source").has("error") && source) {
                ctx.err().println("error: only part of the " + verb + " was done; run 'provisionctl " + verb
                        + " --source' again once the service answers");
            }
            return failure.exitCode();
        }
        return ExitCodes.OK;
    }

    /** Body of the sink's {@code POST /api/pause} ({@code by}, {@code reason}); a sink that takes none ignores it. */
    private static ObjectNode pauseRequest(String reason) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        String user = System.getProperty("user.name");
        if (user != null && !user.isBlank()) {
            body.put("by", user);
        }
        if (reason != null && !reason.isBlank()) {
            body.put("reason", reason.strip());
        }
        return body;
    }

    /** Whether the sink held an operator pause before this call; null when its state could not be read. */
    private static Boolean operatorPaused(OperatorCommand.Context ctx) {
        try {
            return SinkState.pausedBy(ctx.sink().get("/api/state")).contains("OPERATOR");
        } catch (ServiceException e) {
            return null; // the pause/resume call itself reports what is wrong with the sink
        }
    }

    private static void printText(PrintWriter out, Settings settings, JsonNode doc, boolean pause, boolean source,
                                  Boolean wasPaused) {
        JsonNode sink = doc.path("sink");
        if (!sink.has("error")) {
            String done;
            if (pause) {
                done = Boolean.TRUE.equals(wasPaused) ? "were already paused by an operator (a pause is kept across sink restarts)"
                        : "paused";
            } else {
                done = Boolean.FALSE.equals(wasPaused) ? "were not paused by an operator; nothing to resume" : "resumed";
            }
            out.println("SCIM writes " + done + " (scim-sink at " + settings.sinkUrl() + "): " + SinkState.line(sink));
            String still = pause ? null : SinkState.stillStopped(sink);
            if (still != null) {
                out.println("Note: " + still + ".");
            }
        }
        if (source) {
            if (!doc.path("source").has("error")) {
                out.println("Source polling " + (pause ? "paused" : "resumed") + " (source-connector at " + settings.sourceUrl()
                        + ")" + (pause ? "." : "; an incremental cycle was triggered."));
            }
        } else if (pause && !sink.has("error")) {
            out.println("Source polling continues: changes wait in Kafka until resume (add --source to pause it too).");
        }
    }
}
