package io.entrascim.mapper.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.entrascim.contracts.AttributeFlow;
import io.entrascim.contracts.ObjectType;
import io.entrascim.mapper.expression.Expression;
import io.entrascim.mapper.scoping.FilterClause;
import io.entrascim.mapper.scoping.FilterGroup;
import io.entrascim.mapper.scoping.ScopeFilter;

/** Reads a Graph {@code synchronizationSchema}: synchronizationRules -> objectMappings -> attributeMappings. */
final class GraphSchemaReader {
    private GraphSchemaReader() {
    }

    static MappingSchema read(Tree root, String origin) {
        List<ObjectMapping> result = new ArrayList<>();
        Map<String, Map<String, TargetAttributeType>> directories = directories(root.field("directories"));
        for (Tree rule : root.field("synchronizationRules").list(true)) {
            rule.map();
            String targetDirectory = rule.field("targetDirectoryName").text(false);
            for (Tree om : rule.field("objectMappings").list(true)) {
                result.add(objectMapping(om, directories.getOrDefault(targetDirectory, Map.of())));
            }
        }
        if (result.isEmpty()) {
            throw new SchemaException("$.synchronizationRules", "contains no objectMappings");
        }
        return new MappingSchema(origin, result);
    }

    private static ObjectMapping objectMapping(Tree om, Map<String, TargetAttributeType> targetObjects) {
        om.map();
        boolean enabled = om.field("enabled").bool(true);
        String sourceObject = om.field("sourceObjectName").text(true);
        ObjectType type = MappingBuilder.objectType(sourceObject, om.path() + ".sourceObjectName");
        String targetObject = om.field("targetObjectName").text(false);
        Set<String> flowTypes = flowTypes(om.field("flowTypes"));
        ScopeFilter scope = scope(om.field("scope"));
        List<AttributeMapping> mappings = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (Tree am : om.field("attributeMappings").list(true)) {
            mappings.add(attributeMapping(am, targetObject, targetObjects));
            paths.add(am.path());
        }
        MappingBuilder.checkMappings(mappings, paths, enabled, om.path() + ".attributeMappings");
        return new ObjectMapping(om.field("name").text(false), enabled, type, sourceObject, targetObject, flowTypes, scope, mappings);
    }

    static Set<String> flowTypes(Tree t) {
        String text = t.text(false);
        if (text == null) {
            return Set.copyOf(MappingBuilder.OBJECT_ACTIONS);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (!MappingBuilder.OBJECT_ACTIONS.contains(p)) {
                throw new SchemaException(t.path(), "unknown target object action \"" + p + "\"; use Add, Update, Delete");
            }
            out.add(p);
        }
        return out;
    }

    private static AttributeMapping attributeMapping(Tree am, String targetObject, Map<String, TargetAttributeType> types) {
        am.map();
        String target = am.field("targetAttributeName").text(true);
        String defaultValue = am.field("defaultValue").text(false);
        String flowType = am.field("flowType").text(false);
        AttributeFlow flow = MappingBuilder.flow(flowType, am.path() + ".flowType");
        String flowBehavior = am.field("flowBehavior").text(false);
        if (flowBehavior != null && !MappingBuilder.FLOW_BEHAVIORS.contains(flowBehavior)) {
            throw new SchemaException(am.path() + ".flowBehavior", "unknown flowBehavior \"" + flowBehavior
                    + "\"; use FlowWhenChanged or FlowAlways");
        }
        int priority = am.field("matchingPriority").integer(0);
        TargetAttributeType declared = types.get(targetObject == null ? null : targetObject + "/" + target);
        TargetType type = declared != null ? declared.type() : MappingBuilder.defaultType(target);
        boolean multi = declared != null && declared.multiValued();
        Tree source = am.field("source");
        if (source.isNull()) {
            if (defaultValue == null) {
                throw new SchemaException(am.path() + ".source", "is null and there is no defaultValue: nothing to map");
            }
            return new AttributeMapping(target, SourceKind.CONSTANT, null, defaultValue, null, flowType == null ? "Always" : flowType,
                    flow, priority, type, multi);
        }
        source.map();
        String kindText = source.field("type").text(true);
        String name = source.field("name").text(false);
        String expressionText = source.field("expression").text(false);
        return switch (kindText) {
            case "Attribute" -> {
                String text = expressionText != null ? expressionText : name == null ? null : "[" + name + "]";
                if (text == null) {
                    throw new SchemaException(source.path() + ".name", "is required for an Attribute source");
                }
                yield new AttributeMapping(target, SourceKind.ATTRIBUTE, MappingBuilder.expression(text, source.path() + ".expression"),
                        null, defaultValue, flowType == null ? "Always" : flowType, flow, priority, type, multi);
            }
            case "Constant" -> {
                String value = name != null ? name : constantFrom(expressionText, source.path());
                yield new AttributeMapping(target, SourceKind.CONSTANT, null, value, defaultValue,
                        flowType == null ? "Always" : flowType, flow, priority, type, multi);
            }
            case "Function" -> {
                String text = expressionText != null ? expressionText : rebuild(source);
                Expression e = MappingBuilder.expression(text, source.path() + ".expression");
                yield new AttributeMapping(target, SourceKind.FUNCTION, e, null, defaultValue,
                        flowType == null ? "Always" : flowType, flow, priority, type, multi);
            }
            default -> throw new SchemaException(source.path() + ".type", "unknown source type \"" + kindText
                    + "\"; use Attribute, Constant or Function");
        };
    }

    private static String constantFrom(String expression, String path) {
        if (expression == null) {
            throw new SchemaException(path + ".name", "is required for a Constant source");
        }
        Expression e = MappingBuilder.expression(expression, path + ".expression");
        return String.valueOf(e.evaluate(io.entrascim.mapper.expression.EvaluationContext.of(n -> null)).value());
    }

    /** Builds the expression text from {name, parameters} when an export leaves {@code expression} out. */
    private static String rebuild(Tree source) {
        String type = source.field("type").text(true);
        String name = source.field("name").text(true);
        switch (type) {
            case "Attribute":
                return "[" + name + "]";
            case "Constant":
                return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            default:
                StringBuilder sb = new StringBuilder(name).append('(');
                List<Tree> params = source.field("parameters").list(false);
                for (int i = 0; i < params.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    Tree value = params.get(i).field("value");
                    if (!value.isNull()) {
                        String expr = value.field("expression").text(false);
                        sb.append(expr != null ? expr : rebuild(value));
                    }
                }
                return sb.append(')').toString();
        }
    }

    private static ScopeFilter scope(Tree scope) {
        if (scope.isNull()) {
            return ScopeFilter.NONE;
        }
        scope.map();
        List<FilterGroup> groups = new ArrayList<>();
        for (Tree g : scope.field("groups").list(false)) {
            g.map();
            List<FilterClause> clauses = new ArrayList<>();
            for (Tree c : g.field("clauses").list(true)) {
                c.map();
                List<String> values = new ArrayList<>();
                Tree operand = c.field("targetOperand");
                if (!operand.isNull()) {
                    for (Tree v : operand.field("values").list(false)) {
                        values.add(v.text(true));
                    }
                }
                clauses.add(MappingBuilder.clause(c.field("sourceOperandName").text(true), c.field("operatorName").text(true),
                        values, c.path()));
            }
            if (clauses.isEmpty()) {
                throw new SchemaException(g.path() + ".clauses", "a scoping filter needs at least one clause");
            }
            String name = g.field("name").text(false);
            groups.add(new FilterGroup(name == null ? "filter " + (groups.size() + 1) : name, clauses));
        }
        return new ScopeFilter(groups);
    }

    record TargetAttributeType(TargetType type, boolean multiValued) {
    }

    /** "objectName/attributeName" -> type, from every directory, keyed by directory name. */
    private static Map<String, Map<String, TargetAttributeType>> directories(Tree dirs) {
        Map<String, Map<String, TargetAttributeType>> out = new HashMap<>();
        for (Tree d : dirs.list(false)) {
            String dirName = d.field("name").text(false);
            Map<String, TargetAttributeType> types = new HashMap<>();
            for (Tree o : d.field("objects").list(false)) {
                String objectName = o.field("name").text(false);
                for (Tree a : o.field("attributes").list(false)) {
                    String typeText = a.field("type").text(false);
                    TargetType t = TargetType.parse(typeText);
                    if (t == null) {
                        throw new SchemaException(a.path() + ".type", "unknown attribute type \"" + typeText + "\"");
                    }
                    types.put(objectName + "/" + a.field("name").text(true), new TargetAttributeType(t, a.field("multivalued").bool(false)));
                }
            }
            out.put(dirName, types);
        }
        return out;
    }
}
