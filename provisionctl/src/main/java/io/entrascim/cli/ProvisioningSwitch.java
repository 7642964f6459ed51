package io.entrascim.cli;

import java.io.PrintWriter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pause or resume: scim-sink's SCIM writes always, source-connector's Graph polling on request. Every requested
 * service is called even when one fails, so a half-done switch is reported as such instead of hidden by the first
 * error (the exit code is then that error's).
 */
final class ProvisioningSwitch {

    private ProvisioningSwitch() {
    }

    static int apply(OperatorCommand.Context ctx, boolean pause, boolean source) throws ServiceException {
        String verb = pause ? "pause" : "resume";
        ObjectNode doc = Json.MAPPER.createObjectNode();
        Table csv = new Table("service", "state");
        ServiceException failure = null;
        // sink first on both ways: a pause stops writes as early as possible, a resume has the sink ready before the
        // source's resume triggers a cycle
        try {
            JsonNode state = ctx.sink().post("/api/" + verb, null);
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
        ctx.output().detail(doc, csv, out -> printText(out, ctx.settings(), doc, pause, source));
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

    private static void printText(PrintWriter out, Settings settings, JsonNode doc, boolean pause, boolean source) {
        JsonNode sink = doc.path("sink");
        if (!sink.has("error")) {
            out.println("SCIM writes " + (pause ? "paused" : "resumed") + " (scim-sink at " + settings.sinkUrl() + "): "
                    + SinkState.line(sink));
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
