package io.entrascim.mapper.mapping;

import java.util.ArrayList;
import java.util.List;

import io.entrascim.contracts.AttributeFlow;
import io.entrascim.contracts.MatchingAttribute;
import io.entrascim.contracts.TargetAttribute;
import io.entrascim.mapper.expression.EvaluationContext;
import io.entrascim.mapper.expression.EvaluationResult;
import io.entrascim.mapper.expression.ExpressionEvaluationException;
import io.entrascim.mapper.expression.Values;
import io.entrascim.mapper.schema.AttributeMapping;
import io.entrascim.mapper.schema.ObjectMapping;
import io.entrascim.mapper.schema.TargetType;

/** Applies an object mapping's attribute mappings to one source object. Stateless. */
public final class AttributeMapper {
    /** Group members travel as membership commands, not as an attribute. */
    static final String MEMBERS = "members";

    private AttributeMapper() {
    }

    /** @throws MappingException naming the attribute, the expression and the reason */
    public static MappedObject map(ObjectMapping mapping, EvaluationContext ctx) {
        List<TargetAttribute> attributes = new ArrayList<>(mapping.attributeMappings().size());
        List<MatchingAttribute> matching = new ArrayList<>(2);
        List<String> dropped = List.of();
        List<String> nulls = List.of();
        for (AttributeMapping m : mapping.attributeMappings()) {
            if (m.targetType() == TargetType.REFERENCE && MEMBERS.equals(m.targetAttributeName())) {
                continue;
            }
            Object value;
            boolean redacted = false;
            AttributeFlow flow = m.flow();
            if (m.expression() == null) {
                value = m.constant();
            } else {
                EvaluationResult r;
                try {
                    r = m.expression().evaluate(ctx);
                } catch (ExpressionEvaluationException e) {
                    boolean secret = m.expression().text().contains("Redact(");
                    throw new MappingException(m.targetAttributeName(), m.expression().text(),
                            secret ? "evaluation failed (details withheld: the mapping uses Redact)" : e.getMessage());
                }
                if (r.dropped()) {
                    dropped = add(dropped, m.targetAttributeName());
                    continue;
                }
                value = r.value();
                redacted = r.redacted();
            }
            if (value == null || (value instanceof List<?> l && l.isEmpty())) {
                if (m.defaultValue() == null) {
                    nulls = add(nulls, m.targetAttributeName());
                    continue;
                }
                value = m.defaultValue();
                flow = AttributeFlow.ON_CREATE_ONLY;
            }
            Object converted = convert(value, m);
            attributes.add(new TargetAttribute(m.targetAttributeName(), converted, flow, redacted));
            if (m.matching()) {
                matching.add(new MatchingAttribute(m.targetAttributeName(), Values.str(value, m.targetAttributeName()),
                        m.matchingPriority()));
            }
        }
        if (matching.size() > 1) {
            matching.sort(java.util.Comparator.comparingInt(MatchingAttribute::priority));
        }
        return new MappedObject(attributes, matching, dropped, nulls);
    }

    private static List<String> add(List<String> list, String item) {
        List<String> out = list.isEmpty() ? new ArrayList<>(2) : list;
        out.add(item);
        return out;
    }

    /** Entra converts the string result to the target attribute's type on export. */
    static Object convert(Object value, AttributeMapping m) {
        if (value instanceof List<?> list) {
            if (m.multiValued() || list.size() != 1) {
                if (!m.multiValued() && list.size() > 1 && m.targetType() != TargetType.REFERENCE) {
                    throw new MappingException(m.targetAttributeName(), m.sourceText(),
                            "evaluated to " + list.size() + " values but the target attribute is single-valued");
                }
                List<Object> out = new ArrayList<>(list.size());
                for (Object o : list) {
                    out.add(o instanceof java.util.Map ? o : scalar(o, m));
                }
                return out;
            }
            return scalar(list.get(0), m);
        }
        return scalar(value, m);
    }

    private static Object scalar(Object v, AttributeMapping m) {
        switch (m.targetType()) {
            case BOOLEAN -> {
                String s = Values.str(v, m.targetAttributeName());
                if (Values.TRUE.equalsIgnoreCase(s)) {
                    return Boolean.TRUE;
                }
                if (Values.FALSE.equalsIgnoreCase(s)) {
                    return Boolean.FALSE;
                }
                throw new MappingException(m.targetAttributeName(), m.sourceText(),
                        "value is not a Boolean (expected \"True\" or \"False\")");
            }
            case INTEGER -> {
                try {
                    return Values.toLong(v, m.targetAttributeName());
                } catch (ExpressionEvaluationException e) {
                    throw new MappingException(m.targetAttributeName(), m.sourceText(), "value is not an Integer");
                }
            }
            default -> {
                return v instanceof String ? v : Values.str(v, m.targetAttributeName());
            }
        }
    }
}
