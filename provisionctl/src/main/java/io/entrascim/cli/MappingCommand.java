package io.entrascim.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.entrascim.contracts.ObjectType;
import io.entrascim.mapper.mapping.ChangeMapper;
import io.entrascim.mapper.mapping.MapperOptions;
import io.entrascim.mapper.mapping.MappingPreview;
import io.entrascim.mapper.schema.MappingSchema;
import io.entrascim.mapper.schema.SchemaException;
import io.entrascim.mapper.schema.SchemaLoader;
import io.entrascim.mapper.scoping.AssignmentScope;
import io.entrascim.mapper.scoping.ScopingEngine;

/** {@code provisionctl mapping ...}: check a mapping configuration against a source object, offline. */
@Command(name = "mapping", description = "Work with mapping configurations.", mixinStandardHelpOptions = true,
        subcommands = {MappingCommand.Preview.class})
final class MappingCommand {

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "Show the scoping decision with its reasons and the SCIM payload a source object would produce.",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:previewed", "1:source file unreadable", "2:usage error or invalid configuration",
                    "3:a mapping failed for this source"})
    static final class Preview implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = {"-c", "--config"}, description = "synchronizationSchema JSON or YAML (Graph or concise form); "
                + "default: the bundled Tanium SSO mappings")
        String config;

        @Option(names = {"-s", "--source"}, required = true, description = "JSON file with the source object; '-' reads stdin")
        String source;

        @Option(names = {"-t", "--object-type"}, defaultValue = "USER", description = "USER or GROUP (default: ${DEFAULT-VALUE})")
        ObjectType objectType;

        @Option(names = "--assigned", negatable = true, description = "treat the object as assigned (--no-assigned: unassigned); "
                + "default: assignment not evaluated")
        Boolean assigned;

        @Option(names = "--assignment-scope", defaultValue = "ASSIGNED", description = "ASSIGNED or ALL (default: ${DEFAULT-VALUE})")
        AssignmentScope assignmentScope;

        @Option(names = "--skip-out-of-scope-deletions", description = "Entra's SkipOutOfScopeDeletions")
        boolean skipOutOfScopeDeletions;

        @Option(names = "--json", description = "print the whole preview as one JSON document")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            MappingSchema schema;
            try {
                schema = config == null ? SchemaLoader.loadDefault() : SchemaLoader.load(config);
            } catch (SchemaException e) {
                err.println("error: invalid configuration " + (config == null ? "" : config + " ") + "at " + e.getMessage());
                return ExitCodes.USAGE;
            }
            Map<String, Object> attributes;
            try {
                attributes = Json.readObject(source);
            } catch (Json.InputException e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.INPUT;
            }
            ChangeMapper mapper = new ChangeMapper(schema, new ScopingEngine(assignmentScope),
                    new MapperOptions(MapperOptions.DEFAULT_JOB_ID, skipOutOfScopeDeletions), Clock.systemUTC());
            Map<String, Object> preview = MappingPreview.preview(mapper, objectType, attributes, assigned);
            if (json) {
                out.println(Json.pretty(preview));
            } else {
                printText(out, preview);
            }
            return preview.containsKey("error") ? ExitCodes.EVALUATION : ExitCodes.OK;
        }

        @SuppressWarnings("unchecked")
        private static void printText(PrintWriter out, Map<String, Object> p) {
            Map<String, Object> scoping = (Map<String, Object>) p.get("scoping");
            if (scoping != null) {
                out.println("Scoping: " + (Boolean.TRUE.equals(scoping.get("inScope")) ? "IN SCOPE" : "OUT OF SCOPE")
                        + " (IsSoftDeleted=" + (Boolean.TRUE.equals(scoping.get("isSoftDeleted")) ? "True" : "False") + ")");
                for (Object reason : (List<Object>) scoping.get("reasons")) {
                    out.println("  - " + reason);
                }
            }
            List<Object> ops = (List<Object>) p.get("operations");
            out.println("Decision: " + p.get("decision") + (ops.isEmpty() ? "" : " " + ops) + " - " + p.get("description"));
            if (p.get("error") instanceof Map<?, ?> error) {
                out.println("Mapping error: attribute '" + error.get("attribute") + "' (expression " + error.get("expression") + "): "
                        + error.get("reason"));
            }
            if (p.get("matching") instanceof List<?> matching && !matching.isEmpty()) {
                out.println("Matching (in precedence order):");
                for (Object m : matching) {
                    Map<String, Object> mm = (Map<String, Object>) m;
                    out.println("  " + mm.get("priority") + ". " + mm.get("attribute") + " eq " + Json.write(mm.get("value")));
                }
            }
            if (p.get("onCreateOnly") instanceof List<?> onCreate && !onCreate.isEmpty()) {
                out.println("Only on create: " + onCreate);
            }
            if (p.get("scimPayload") != null) {
                out.println("SCIM payload:");
                out.println(Json.pretty(p.get("scimPayload")));
            }
        }
    }
}
