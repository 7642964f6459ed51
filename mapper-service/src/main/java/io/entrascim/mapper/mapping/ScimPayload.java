package io.entrascim.mapper.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.entrascim.contracts.ObjectType;
import io.entrascim.contracts.TargetAttribute;

/**
 * Renders mapped attributes as the SCIM resource Entra would POST on create, for previews:
 * {@code name.givenName} nests, {@code emails[type eq "work"].value} becomes a typed entry,
 * extension URN paths go under their schema.
 */
public final class ScimPayload {
    public static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final Pattern FILTERED = Pattern.compile("^([A-Za-z0-9_]+)\\[\\s*type\\s+eq\\s+\"([^\"]*)\"\\s*]\\.([A-Za-z0-9_]+)$");

    private ScimPayload() {
    }

    /** @param revealRedacted false shows {@code [Redact]} for redacted attributes */
    public static Map<String, Object> render(ObjectType type, List<TargetAttribute> attributes, boolean revealRedacted) {
        Map<String, Object> root = new LinkedHashMap<>();
        List<String> schemas = new ArrayList<>();
        schemas.add(type == ObjectType.USER ? CORE_USER : CORE_GROUP);
        root.put("schemas", schemas);
        for (TargetAttribute a : attributes) {
            Object value = revealRedacted ? a.value() : a.auditValue();
            String path = a.name();
            Map<String, Object> container = root;
            if (path.startsWith("urn:")) {
                int split = path.lastIndexOf(':');
                String schema = path.substring(0, split);
                path = path.substring(split + 1);
                if (!schemas.contains(schema)) {
                    schemas.add(schema);
                }
                container = child(root, schema);
                if (path.equals("manager")) {
                    value = Map.of("value", value);
                }
            }
            put(container, path, value);
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> container, String path, Object value) {
        Matcher m = FILTERED.matcher(path);
        if (m.matches()) {
            List<Object> list = (List<Object>) container.computeIfAbsent(m.group(1), k -> new ArrayList<>());
            Map<String, Object> entry = null;
            for (Object o : list) {
                if (o instanceof Map<?, ?> e && m.group(2).equals(e.get("type"))) {
                    entry = (Map<String, Object>) e;
                }
            }
            if (entry == null) {
                entry = new LinkedHashMap<>();
                entry.put("type", m.group(2));
                list.add(entry);
            }
            entry.put(m.group(3).toLowerCase(java.util.Locale.ROOT).equals("value") ? "value" : m.group(3), value);
            return;
        }
        int dot = path.indexOf('.');
        if (dot > 0) {
            put(child(container, path.substring(0, dot)), path.substring(dot + 1), value);
            return;
        }
        container.put(path, value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String name) {
        return (Map<String, Object>) parent.computeIfAbsent(name, k -> new LinkedHashMap<>());
    }
}
