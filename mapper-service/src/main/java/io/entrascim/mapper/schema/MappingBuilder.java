package io.entrascim.mapper.schema;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.entrascim.contracts.AttributeFlow;
import io.entrascim.contracts.ObjectType;
import io.entrascim.mapper.expression.Expression;
import io.entrascim.mapper.expression.ExpressionParseException;
import io.entrascim.mapper.scoping.FilterClause;
import io.entrascim.mapper.scoping.FilterOperator;

/** Validation shared by both configuration forms, so both fail the same way. */
final class MappingBuilder {
    static final Set<String> FLOW_TYPES = Set.of("Always", "ObjectAddOnly", "MultiValueAddOnly", "ValueAddOnly", "AttributeAddOnly");
    static final Set<String> FLOW_BEHAVIORS = Set.of("FlowWhenChanged", "FlowAlways");
    static final Set<String> OBJECT_ACTIONS = Set.of("Add", "Update", "Delete");

    private MappingBuilder() {
    }

    static Expression expression(String text, String path) {
        try {
            return Expression.parse(text);
        } catch (ExpressionParseException e) {
            throw new SchemaException(path, "invalid expression at column " + e.column() + ": " + e.reason() + " in: " + abbreviate(text));
        }
    }

    static AttributeFlow flow(String flowType, String path) {
        String f = flowType == null ? "Always" : flowType;
        if (!FLOW_TYPES.contains(f)) {
            throw new SchemaException(path, "unknown flowType \"" + flowType + "\"; use one of " + new java.util.TreeSet<>(FLOW_TYPES));
        }
        return f.equals("ObjectAddOnly") ? AttributeFlow.ON_CREATE_ONLY : AttributeFlow.ALWAYS;
    }

    static FilterClause clause(String attribute, String operatorName, List<String> values, String path) {
        FilterOperator op = FilterOperator.byGraphName(operatorName);
        if (op == null) {
            throw new SchemaException(path + ".operatorName", "unknown scoping operator \"" + operatorName + "\"; use one of "
                    + FilterOperator.graphNames());
        }
        try {
            return FilterClause.of(attribute, op, values);
        } catch (IllegalArgumentException e) {
            throw new SchemaException(path, e.getMessage());
        }
    }

    static ObjectType objectType(String sourceObjectName, String path) {
        if (sourceObjectName == null) {
            throw new SchemaException(path, "is required (User or Group)");
        }
        return switch (sourceObjectName.toLowerCase(java.util.Locale.ROOT)) {
            case "user" -> ObjectType.USER;
            case "group" -> ObjectType.GROUP;
            default -> throw new SchemaException(path, "unsupported source object \"" + sourceObjectName + "\"; use User or Group");
        };
    }

    /** Checks the attribute mappings of one object mapping as a whole. */
    static void checkMappings(List<AttributeMapping> mappings, List<String> paths, boolean enabled, String path) {
        if (mappings.isEmpty()) {
            throw new SchemaException(path, "needs at least one attribute mapping");
        }
        Set<String> targets = new HashSet<>();
        Map<Integer, String> priorities = new HashMap<>();
        for (int i = 0; i < mappings.size(); i++) {
            AttributeMapping m = mappings.get(i);
            if (!targets.add(m.targetAttributeName())) {
                throw new SchemaException(paths.get(i) + ".targetAttributeName", "target attribute \"" + m.targetAttributeName()
                        + "\" is mapped more than once");
            }
            if (m.targetAttributeName().equals("id")) {
                throw new SchemaException(paths.get(i) + ".targetAttributeName", "the SCIM primary key 'id' cannot be a mapping target");
            }
            if (m.matchingPriority() < 0) {
                throw new SchemaException(paths.get(i) + ".matchingPriority", "must be 0 (not matching) or 1 and more");
            }
            if (m.matchingPriority() > 0) {
                String previous = priorities.put(m.matchingPriority(), m.targetAttributeName());
                if (previous != null) {
                    throw new SchemaException(paths.get(i) + ".matchingPriority", "matching precedence " + m.matchingPriority()
                            + " is used by both \"" + previous + "\" and \"" + m.targetAttributeName() + "\"");
                }
            }
        }
        if (enabled && priorities.isEmpty()) {
            throw new SchemaException(path, "no attribute mapping has matchingPriority 1 or more: Entra needs a matching attribute "
                    + "to find target objects");
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    /** Types of well-known SCIM attributes, for configurations that do not declare target types. */
    static TargetType defaultType(String targetAttributeName) {
        return switch (targetAttributeName) {
            case "active" -> TargetType.BOOLEAN;
            case "members", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager" -> TargetType.REFERENCE;
            default -> targetAttributeName.endsWith(".primary") ? TargetType.BOOLEAN : TargetType.STRING;
        };
    }
}
