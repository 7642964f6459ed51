package io.entrascim.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.entrascim.mapper.expression.EvaluationContext;
import io.entrascim.mapper.expression.EvaluationResult;
import io.entrascim.mapper.expression.Expression;
import io.entrascim.mapper.expression.ExpressionEvaluationException;
import io.entrascim.mapper.expression.ExpressionParseException;
import io.entrascim.mapper.mapping.SourceAttributes;

/** {@code provisionctl expr ...}: Entra's expression builder, offline. */
@Command(name = "expr", description = "Work with attribute-mapping expressions.", mixinStandardHelpOptions = true,
        subcommands = {ExprCommand.Eval.class})
final class ExprCommand {

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Evaluate one expression against a source object and print the result as one JSON value.",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:evaluated", "1:source file unreadable", "2:usage or parse error (with the column)",
                    "3:evaluation failed for this source"})
    static final class Eval implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = {"-e", "--expression"}, required = true, description = "the expression, e.g. 'Append([mail], \"x\")'")
        String expression;

        @Option(names = {"-s", "--source"}, description = "JSON file with the source object (attribute -> value; arrays for "
                + "multi-valued attributes); '-' reads stdin; default: an empty object")
        String source;

        @Option(names = "--soft-deleted", description = "value of the computed [IsSoftDeleted] (default: false)")
        boolean softDeleted;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Expression parsed;
            try {
                parsed = Expression.parse(expression);
            } catch (ExpressionParseException e) {
                err.println("error: parse error at column " + e.column() + ": " + e.reason());
                if (expression.length() <= 200) {
                    err.println("  " + expression);
                    err.println("  " + " ".repeat(Math.max(0, e.column() - 1)) + "^");
                }
                return ExitCodes.USAGE;
            }
            Map<String, Object> attributes;
            try {
                attributes = source == null ? Map.of() : Json.readObject(source);
            } catch (Json.InputException e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.INPUT;
            }
            Object id = attributes.getOrDefault("id", attributes.get("objectId"));
            EvaluationResult r;
            try {
                r = parsed.evaluate(EvaluationContext.of(new SourceAttributes(attributes, id == null ? null : id.toString(), softDeleted)));
            } catch (ExpressionEvaluationException e) {
                err.println("error: evaluation failed: " + e.getMessage());
                return ExitCodes.EVALUATION;
            }
            out.println(Json.write(r.value()));
            if (r.dropped()) {
                err.println("note: IgnoreFlowIfNullOrEmpty dropped the attribute: it would not be sent to the target");
            }
            if (r.redacted()) {
                err.println("note: Redact(): provisioning logs would show [Redact] instead of this value");
            }
            return ExitCodes.OK;
        }
    }
}
