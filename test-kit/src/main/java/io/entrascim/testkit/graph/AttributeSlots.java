package io.entrascim.testkit.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Attribute name -> array slot, shared by all objects of one kind. Not thread-safe: used under the directory lock. */
final class AttributeSlots {
    private final Map<String, Integer> slots = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    AttributeSlots(String... initial) {
        for (String n : initial) {
            slot(n);
        }
    }

    int slot(String name) {
        return slots.computeIfAbsent(name, n -> {
            names.add(n);
            return names.size() - 1;
        });
    }

    /** -1 when no object ever had this attribute. */
    int find(String name) {
        Integer s = slots.get(name);
        return s == null ? -1 : s;
    }

    List<String> names() {
        return List.copyOf(names);
    }
}
