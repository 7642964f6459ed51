package io.entrascim.mapper.schema;

import java.util.List;
import java.util.Map;

/** A JSON/YAML node with its path, so that every complaint names where it is. */
record Tree(Object value, String path) {

    Tree field(String name) {
        Object v = value instanceof Map<?, ?> m ? m.get(name) : null;
        return new Tree(v, path + "." + name);
    }

    boolean has(String name) {
        return value instanceof Map<?, ?> m && m.containsKey(name) && m.get(name) != null;
    }

    boolean isNull() {
        return value == null;
    }

    Map<?, ?> map() {
        if (!(value instanceof Map<?, ?> m)) {
            throw new SchemaException(path, value == null ? "is required" : "must be an object");
        }
        return m;
    }

    List<Tree> list(boolean required) {
        if (value == null) {
            if (required) {
                throw new SchemaException(path, "is required");
            }
            return List.of();
        }
        if (!(value instanceof List<?> l)) {
            throw new SchemaException(path, "must be an array");
        }
        java.util.ArrayList<Tree> out = new java.util.ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            out.add(new Tree(l.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    String text(boolean required) {
        if (value == null) {
            if (required) {
                throw new SchemaException(path, "is required");
            }
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            throw new SchemaException(path, "must be a string");
        }
        return value.toString();
    }

    int integer(int defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new SchemaException(path, "must be an integer but is \"" + value + "\"");
        }
    }

    boolean bool(boolean defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String s = value.toString().trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new SchemaException(path, "must be true or false but is \"" + value + "\"");
    }

    void onlyKeys(java.util.Set<String> allowed) {
        for (Object k : map().keySet()) {
            if (!allowed.contains(String.valueOf(k))) {
                throw new SchemaException(path + "." + k, "unknown key; allowed keys are " + new java.util.TreeSet<>(allowed));
            }
        }
    }
}
