package io.entrascim.mapper.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.entrascim.contracts.AttributeFlow;
import io.entrascim.contracts.ObjectType;
import io.entrascim.mapper.scoping.FilterClause;
import io.entrascim.mapper.scoping.FilterGroup;
import io.entrascim.mapper.scoping.ScopeFilter;

/**
 * Reads the concise hand-written form:
 * <pre>
 * users:
 *   enabled: true                 # optional
 *   actions: Add, Update, Delete  # optional
 *   scope:                        # optional: groups are ORed, clauses ANDed
 *     - name: Sales
 *       clauses:
 *         - {attribute: department, operator: EQUALS, value: Sales}
 *   mappings:
 *     - {target: userName, source: "[userPrincipalName]", matching: 1}
 *     - {target: title, constant: Engineer, flow: ObjectAddOnly, default: x, type: String}
 * groups: ...
 * </pre>
 */
final class ConciseSchemaReader {
    private static final Set<String> OBJECT_KEYS = Set.of("enabled", "actions", "scope", "mappings", "target");
    private static final Set<String> MAPPING_KEYS = Set.of("target", "source", "constant", "default", "flow", "matching", "type",
            "multivalued");
    private static final Set<String> GROUP_KEYS = Set.of("name", "clauses");
    private static final Set<String> CLAUSE_KEYS = Set.of("attribute", "operator", "value", "values");

    private ConciseSchemaReader() {
    }

    static MappingSchema read(Tree root, String origin) {
        root.onlyKeys(Set.of("users", "groups"));
        List<ObjectMapping> out = new ArrayList<>();
        if (root.has("users")) {
            out.add(object(root.field("users"), ObjectType.USER, "User"));
        }
        if (root.has("groups")) {
            out.add(object(root.field("groups"), ObjectType.GROUP, "Group"));
        }
        return new MappingSchema(origin, out);
    }

    private static ObjectMapping object(Tree t, ObjectType type, String sourceName) {
        t.onlyKeys(OBJECT_KEYS);
        boolean enabled = t.field("enabled").bool(true);
        Set<String> actions = GraphSchemaReader.flowTypes(t.field("actions"));
        String target = t.field("target").text(false);
        List<AttributeMapping> mappings = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (Tree m : t.field("mappings").list(true)) {
            mappings.add(mapping(m));
            paths.add(m.path());
        }
        MappingBuilder.checkMappings(mappings, paths, enabled, t.path() + ".mappings");
        return new ObjectMapping(sourceName + " mapping", enabled, type, sourceName, target == null ? sourceName : target, actions,
                scope(t.field("scope")), mappings);
    }

    private static AttributeMapping mapping(Tree m) {
        m.onlyKeys(MAPPING_KEYS);
        String target = m.field("target").text(true);
        String source = m.field("source").text(false);
        String constant = m.field("constant").text(false);
        if ((source == null) == (constant == null)) {
            throw new SchemaException(m.path(), "give exactly one of 'source' (an expression) or 'constant'");
        }
        String flowType = m.field("flow").text(false);
        AttributeFlow flow = MappingBuilder.flow(flowType, m.path() + ".flow");
        String typeText = m.field("type").text(false);
        TargetType type = typeText == null ? MappingBuilder.defaultType(target) : TargetType.parse(typeText);
        if (type == null) {
            throw new SchemaException(m.path() + ".type", "unknown type \"" + typeText + "\"; use String, Boolean, Integer, DateTime, "
                    + "Reference or Binary");
        }
        int priority = m.field("matching").integer(0);
        boolean multi = m.field("multivalued").bool(false);
        String defaultValue = m.field("default").text(false);
        if (constant != null) {
            return new AttributeMapping(target, SourceKind.CONSTANT, null, constant, defaultValue, flowType == null ? "Always" : flowType,
                    flow, priority, type, multi);
        }
        var expression = MappingBuilder.expression(source, m.path() + ".source");
        return new AttributeMapping(target, expression.isDirectAttribute() ? SourceKind.ATTRIBUTE : SourceKind.FUNCTION, expression,
                null, defaultValue, flowType == null ? "Always" : flowType, flow, priority, type, multi);
    }

    private static ScopeFilter scope(Tree scope) {
        List<FilterGroup> groups = new ArrayList<>();
        for (Tree g : scope.list(false)) {
            g.onlyKeys(GROUP_KEYS);
            List<FilterClause> clauses = new ArrayList<>();
            for (Tree c : g.field("clauses").list(true)) {
                c.onlyKeys(CLAUSE_KEYS);
                List<String> values = new ArrayList<>();
                if (c.has("value")) {
                    values.add(c.field("value").text(true));
                }
                for (Tree v : c.field("values").list(false)) {
                    values.add(v.text(true));
                }
                clauses.add(MappingBuilder.clause(c.field("attribute").text(true), c.field("operator").text(true), values, c.path()));
            }
            if (clauses.isEmpty()) {
                throw new SchemaException(g.path() + ".clauses", "a scoping filter needs at least one clause");
            }
            String name = g.field("name").text(false);
            groups.add(new FilterGroup(name == null ? "filter " + (groups.size() + 1) : name, clauses));
        }
        return new ScopeFilter(groups);
    }
}
