package io.entrascim.sink.core;

import io.entrascim.contracts.TargetAttribute;

import java.util.List;
import java.util.Map;

/**
 * The enterprise extension's {@code manager}: the mapper carries the manager's <em>Entra</em> object id
 * (the Graph {@code manager} navigation property, in whatever shape the source delivered it); the target
 * needs the manager's <em>SCIM</em> id, so the sink resolves it through its links and never sends the
 * Entra id. Entra writes it by a PATCH after the user exists, never in the POST.
 */
final class ManagerReference {

    static final String ATTRIBUTE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager";

    private ManagerReference() {
    }

    static boolean isManager(String attributeName) {
        return ATTRIBUTE.equals(attributeName) || "manager".equals(attributeName);
    }

    /**
     * The manager's Entra id from the shapes a command may carry: a plain id string, an object with
     * {@code value} or {@code id} (Graph's {@code {"id":..}}, SCIM's {@code {"value":..}}), or a
     * one-element list of either (Graph delta's {@code manager@delta}).
     *
     * @return the id, or null when the value names no manager
     * @throws IllegalArgumentException naming the attribute when the value names several managers or
     *                                  has an unknown shape
     */
    static String sourceId(TargetAttribute a) {
        Object v = a.value();
        if (v instanceof List<?> list) {
            if (list.isEmpty()) {
                return null;
            }
            if (list.size() > 1) {
                throw new IllegalArgumentException(a.name() + " carries " + list.size()
                        + " managers; a user has at most one manager");
            }
            v = list.get(0);
        }
        if (v instanceof Map<?, ?> m) {
            Object id = m.get("value") != null ? m.get("value") : m.get("id");
            v = id;
        }
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(a.name() + " must be the manager's object id (a string, {\"value\":..}, "
                    + "{\"id\":..} or a one-element list of those), got " + v.getClass().getSimpleName());
        }
        return s.isBlank() ? null : s.trim();
    }
}
