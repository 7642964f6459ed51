package io.entrascim.sink.core;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the attribute paths mappings use: {@code userName}, {@code name.givenName},
 * {@code emails[type eq "work"].value} and extension URNs such as
 * {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber}.
 */
final class AttributePaths {

    private static final Pattern FILTERED = Pattern.compile("^([A-Za-z][\\w$-]*)\\[(\\w+) eq \"([^\"]*)\"\\]\\.(\\w+)$");

    private AttributePaths() {
    }

    /** The value at {@code path} in {@code resource}, or null when absent. */
    static JsonNode read(JsonNode resource, String path) {
        Located at = locate(path);
        JsonNode container = at.urn == null ? resource : resource.get(at.urn);
        if (container == null) {
            return null;
        }
        Matcher m = FILTERED.matcher(at.rest);
        if (m.matches()) {
            JsonNode array = container.get(m.group(1));
            if (array == null || !array.isArray()) {
                return null;
            }
            for (JsonNode element : array) {
                JsonNode key = element.get(m.group(2));
                if (key != null && m.group(3).equals(key.asString())) {
                    return nullIfMissing(element.get(m.group(4)));
                }
            }
            return null;
        }
        JsonNode node = container;
        for (String part : at.rest.split("\\.")) {
            node = node.get(part);
            if (node == null) {
                return null;
            }
        }
        return nullIfMissing(node);
    }

    /** Writes {@code value} at {@code path} into a resource being created. */
    static void write(ObjectNode resource, String path, JsonNode value) {
        Located at = locate(path);
        ObjectNode container = resource;
        if (at.urn != null) {
            container = resource.has(at.urn) ? (ObjectNode) resource.get(at.urn) : resource.putObject(at.urn);
            ArrayNode schemas = resource.has("schemas") ? (ArrayNode) resource.get("schemas") : resource.putArray("schemas");
            boolean listed = false;
            for (JsonNode s : schemas) {
                listed |= at.urn.equals(s.asString());
            }
            if (!listed) {
                schemas.add(at.urn);
            }
        }
        Matcher m = FILTERED.matcher(at.rest);
        if (m.matches()) {
            ArrayNode array = container.has(m.group(1)) ? (ArrayNode) container.get(m.group(1)) : container.putArray(m.group(1));
            ObjectNode element = null;
            for (JsonNode e : array) {
                JsonNode key = e.get(m.group(2));
                if (key != null && m.group(3).equals(key.asString())) {
                    element = (ObjectNode) e;
                }
            }
            if (element == null) {
                element = array.addObject();
                element.put(m.group(2), m.group(3));
                if (array.size() == 1) {
                    element.put("primary", true);
                }
            }
            element.set(m.group(4), value);
            return;
        }
        String[] parts = at.rest.split("\\.");
        ObjectNode node = container;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
    }

    private record Located(String urn, String rest) {
    }

    private static Located locate(String path) {
        if (path.startsWith("urn:")) {
            int colon = path.lastIndexOf(':');
            return new Located(path.substring(0, colon), path.substring(colon + 1));
        }
        return new Located(null, path);
    }

    private static JsonNode nullIfMissing(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }
}
