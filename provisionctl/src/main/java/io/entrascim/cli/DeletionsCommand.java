package io.entrascim.cli;

import java.io.PrintWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code provisionctl deletions list|allow|reject}: scim-sink's accidental-deletion guard
 * ({@code GET /api/deletions}, {@code POST /api/deletions/allow}, {@code POST /api/deletions/reject}).
 */
@Command(name = "deletions", mixinStandardHelpOptions = true,
        description = "Disables and deletes held by the accidental-deletion guard: list them, allow or reject them.",
        subcommands = {DeletionsCommand.List.class, DeletionsCommand.Allow.class, DeletionsCommand.Reject.class})
final class DeletionsCommand {

    static Table items(JsonNode items) {
        Table t = new Table("COMMAND ID", "SOURCE ID", "TYPE", "OPERATION", "CYCLE ID", "CHANGE ID", "STAGED AT", "REASON");
        for (JsonNode i : items) {
            t.row(Output.text(i.path("commandId")), Output.text(i.path("sourceObjectId")), Output.text(i.path("objectType")),
                    Output.text(i.path("operation")), Output.text(i.path("cycleId")), Output.text(i.path("changeId")),
                    Output.text(i.path("stagedAt")), Output.text(i.path("reason")));
        }
        return t;
    }

    static String guardLine(JsonNode g) {
        if (!g.path("enabled").asBoolean(true)) {
            return "Deletion guard: off";
        }
        return "Deletion guard: " + Output.orDash(g.path("state")) + " (threshold " + g.path("threshold").asInt() + " per cycle and per "
                + Output.orDash(g.path("window")) + ", " + g.path("windowCount").asInt() + " in the current window)"
                + (Output.text(g.path("reason")) == null ? "" : ": " + g.path("reason").asString());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The guard's state and the held disables/deletes.",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:listed", "2:--limit out of 1..1000", "4:scim-sink unreachable",
                    "5:scim-sink answered an error (401: --sink-token)"})
    static final class List extends OperatorCommand {
        @Option(names = "--limit", defaultValue = "100", description = "at most this many items, 1..1000 (default: ${DEFAULT-VALUE})")
        int limit;

        @Override
        int execute(Context ctx) throws ServiceException, UsageException {
            // the sink clamps instead of refusing: a limit out of range would silently show something else
            Flags.range("--limit", limit, 1, 1000);
            JsonNode r = ctx.sink().get("/api/deletions" + Query.of().add("limit", limit));
            Table t = items(r.path("items"));
            ctx.output().detail(r, t, out -> {
                out.println(guardLine(r.path("guard")));
                out.println("Held: " + r.path("held").asInt());
                if (!t.isEmpty()) {
                    out.println();
                    t.printText(out);
                }
            });
            return ExitCodes.OK;
        }
    }

    @Command(name = "allow", mixinStandardHelpOptions = true,
            description = "Execute every held disable/delete and leave the deletion quarantine.",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:released", "4:scim-sink unreachable", "5:scim-sink answered an error"})
    static final class Allow extends OperatorCommand {
        @Override
        int execute(Context ctx) throws ServiceException {
            return decide(ctx, "allow");
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = "Drop every held disable/delete (audited) and leave the deletion quarantine.",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:rejected", "4:scim-sink unreachable", "5:scim-sink answered an error"})
    static final class Reject extends OperatorCommand {
        @Override
        int execute(Context ctx) throws ServiceException {
            return decide(ctx, "reject");
        }
    }

    private static int decide(OperatorCommand.Context ctx, String decision) throws ServiceException {
        JsonNode r = ctx.sink().post("/api/deletions/" + decision, null);
        Table t = items(r.path("items"));
        ctx.output().detail(r, t, (PrintWriter out) -> {
            out.println((decision.equals("allow") ? "Allowed (executed) " : "Rejected (dropped) ") + r.path("processed").asInt()
                    + " held disable/delete command(s).");
            if (!t.isEmpty()) {
                t.printText(out);
            }
        });
        return ExitCodes.OK;
    }
}
