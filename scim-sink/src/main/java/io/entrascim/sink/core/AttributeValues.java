package io.entrascim.sink.core;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts mapped values to JSON and decides whether the target already holds them. Entra's
 * expression language yields "True"/"False" strings for booleans; the target stores booleans.
 */
final class AttributeValues {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AttributeValues() {
    }

    /** The JSON to send for a mapped value; {@code active} is always a JSON boolean. */
    static JsonNode toJson(String name, Object value) {
        if (isBooleanAttribute(name) && value instanceof String s
                && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(s));
        }
        // Mapped values are almost always strings: skip valueToTree's serialize-and-reparse for them.
        if (value instanceof String s) {
            return JSON.getNodeFactory().stringNode(s);
        }
        if (value instanceof Boolean b) {
            return JSON.getNodeFactory().booleanNode(b);
        }
        return JSON.valueToTree(value);
    }

    /** True when {@code current} (from the target) already equals {@code desired}. */
    static boolean same(JsonNode current, JsonNode desired) {
        if (current == null) {
            return desired == null || desired.isNull();
        }
        if (current.isBoolean() && (desired.isBoolean() || desired.isString())) {
            return current.booleanValue() == Boolean.parseBoolean(desired.asString());
        }
        if (current.isNumber() && desired.isNumber()) {
            return current.decimalValue().compareTo(desired.decimalValue()) == 0;
        }
        if (current.isValueNode() && desired.isValueNode()) {
            return current.asString().equals(desired.asString());
        }
        return current.equals(desired);
    }

    static String display(JsonNode node) {
        if (node == null) {
            return null;
        }
        return node.isValueNode() ? node.asString() : node.toString();
    }

    private static boolean isBooleanAttribute(String name) {
        return name.equals("active");
    }
}
