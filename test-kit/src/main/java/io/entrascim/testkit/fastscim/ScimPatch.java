package io.entrascim.testkit.fastscim;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies SCIM PatchOp operations in both dialects the sink emits: RFC 7644 ({@code add}/{@code replace}/
 * {@code remove}, JSON booleans, {@code members[value eq "id"]} removals) and Entra's legacy form
 * ({@code Add}/{@code Replace}/{@code Remove}, {@code "True"}/{@code "False"} strings, remove with a value list).
 * Paths: plain and dotted ({@code name.givenName}), value-filtered ({@code emails[type eq "work"].value}) and
 * extension URNs ({@code urn:...:enterprise:2.0:User:employeeNumber}).
 */
final class ScimPatch {

    static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final Pattern MEMBER_FILTER = Pattern.compile("^members\\[value eq \"((?:[^\"\\\\]|\\\\.)*)\"\\]$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FILTERED = Pattern.compile("^([A-Za-z][\\w$-]*)\\[(\\w+) eq \"((?:[^\"\\\\]|\\\\.)*)\"\\]\\.(\\w+)$");
    /** Boolean attributes whose legacy string values ("True"/"False") a schema-aware server coerces. */
    private static final Set<String> BOOLEANS = Set.of("active");

    private ScimPatch() {
    }

    /** Thrown for a PatchOp the server refuses; carries SCIM's {@code scimType}. */
    static final class BadPatch extends RuntimeException {
        final String scimType;

        BadPatch(String scimType, String detail) {
            super(detail);
            this.scimType = scimType;
        }
    }

    /**
     * Applies {@code patch} to {@code resource} (attributes) and {@code members} (group member ids, null for users).
     * Removing a member that is not there is a no-op: removals are idempotent so redelivery converges.
     */
    static void apply(JsonNode patch, ObjectNode resource, Set<String> members) {
        JsonNode ops = patch.get("Operations");
        if (ops == null || !ops.isArray() || ops.isEmpty()) {
            throw new BadPatch("invalidSyntax", "PatchOp needs a non-empty Operations array");
        }
        for (JsonNode op : ops) {
            String kind = op.path("op").asString("").toLowerCase(Locale.ROOT);
            JsonNode pathNode = op.get("path");
            String path = pathNode == null || pathNode.isNull() ? null : pathNode.asString();
            JsonNode value = op.get("value");
            switch (kind) {
                case "add", "replace" -> addOrReplace(kind.equals("add"), path, value, resource, members);
                case "remove" -> remove(path, value, resource, members);
                default -> throw new BadPatch("invalidSyntax", "unknown op '" + op.path("op").asString("") + "'");
            }
        }
    }

    private static void addOrReplace(boolean add, String path, JsonNode value, ObjectNode resource, Set<String> members) {
        if (value == null) {
            throw new BadPatch("invalidValue", "op " + (add ? "add" : "replace") + " needs a value");
        }
        if (path == null) {
            if (!value.isObject()) {
                throw new BadPatch("invalidValue", "a patch without path needs an object value");
            }
            for (var e : value.properties()) {
                addOrReplace(add, e.getKey(), e.getValue(), resource, members);
            }
            return;
        }
        if (members != null && path.equalsIgnoreCase("members")) {
            if (!add) {
                members.clear();
            }
            for (JsonNode m : value.isArray() ? value : arrayOf(value)) {
                String id = m.path("value").asString(null);
                if (id == null) {
                    throw new BadPatch("invalidValue", "member without value");
                }
                members.add(id);
            }
            return;
        }
        Located at = locate(path);
        ObjectNode container = at.urn == null ? resource : containerFor(resource, at.urn);
        Matcher f = FILTERED.matcher(at.rest);
        JsonNode coerced = coerce(at.rest, value);
        if (f.matches()) {
            ArrayNode array = container.has(f.group(1)) && container.get(f.group(1)).isArray()
                    ? (ArrayNode) container.get(f.group(1)) : container.putArray(f.group(1));
            String key = unescape(f.group(3));
            ObjectNode element = null;
            for (JsonNode e : array) {
                if (key.equals(e.path(f.group(2)).asString(null))) {
                    element = (ObjectNode) e;
                }
            }
            if (element == null) {
                element = array.addObject();
                element.put(f.group(2), key);
            }
            element.set(f.group(4), coerced);
            return;
        }
        String[] parts = at.rest.split("\\.");
        ObjectNode node = container;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = node.get(parts[i]);
            node = next != null && next.isObject() ? (ObjectNode) next : node.putObject(parts[i]);
        }
        String last = parts[parts.length - 1];
        JsonNode existing = node.get(last);
        if (add && existing != null && existing.isArray() && coerced.isArray()) {
            ((ArrayNode) existing).addAll((ArrayNode) coerced);
        } else {
            node.set(last, coerced);
        }
    }

    private static void remove(String path, JsonNode value, ObjectNode resource, Set<String> members) {
        if (path == null) {
            throw new BadPatch("noTarget", "remove needs a path");
        }
        if (members != null) {
            Matcher m = MEMBER_FILTER.matcher(path);
            if (m.matches()) {
                members.remove(unescape(m.group(1)));
                return;
            }
            if (path.equalsIgnoreCase("members")) {
                if (value == null || value.isNull()) {
                    members.clear();
                } else {
                    for (JsonNode v : value.isArray() ? value : arrayOf(value)) {
                        members.remove(v.path("value").asString(""));
                    }
                }
                return;
            }
        }
        Located at = locate(path);
        JsonNode containerNode = at.urn == null ? resource : resource.get(at.urn);
        if (!(containerNode instanceof ObjectNode container)) {
            return;
        }
        Matcher f = FILTERED.matcher(at.rest);
        if (f.matches()) {
            JsonNode array = container.get(f.group(1));
            if (array != null && array.isArray()) {
                String key = unescape(f.group(3));
                for (JsonNode e : array) {
                    if (key.equals(e.path(f.group(2)).asString(null)) && e instanceof ObjectNode o) {
                        o.remove(f.group(4));
                    }
                }
            }
            return;
        }
        String[] parts = at.rest.split("\\.");
        ObjectNode node = container;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = node.get(parts[i]);
            if (!(next instanceof ObjectNode o)) {
                return;
            }
            node = o;
        }
        node.remove(parts[parts.length - 1]);
    }

    private static ArrayNode arrayOf(JsonNode single) {
        ArrayNode a = FastScimTarget.JSON.createArrayNode();
        a.add(single);
        return a;
    }

    private static JsonNode coerce(String attribute, JsonNode value) {
        if (BOOLEANS.contains(attribute) && value.isString()) {
            String s = value.asString();
            if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                return BooleanNode.valueOf(Boolean.parseBoolean(s));
            }
            throw new BadPatch("invalidValue", attribute + " must be a boolean, got '" + s + "'");
        }
        return value;
    }

    private static ObjectNode containerFor(ObjectNode resource, String urn) {
        JsonNode c = resource.get(urn);
        if (c instanceof ObjectNode o) {
            return o;
        }
        ArrayNode schemas = resource.has("schemas") ? (ArrayNode) resource.get("schemas") : resource.putArray("schemas");
        boolean listed = false;
        for (JsonNode s : schemas) {
            listed |= urn.equals(s.asString());
        }
        if (!listed) {
            schemas.add(urn);
        }
        return resource.putObject(urn);
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

    /** Undoes the JSON string escaping of a filter literal ({@code \"} and {@code \\} and friends). */
    static String unescape(String literal) {
        if (literal.indexOf('\\') < 0) {
            return literal;
        }
        return FastScimTarget.JSON.readValue("\"" + literal + "\"", String.class);
    }
}
