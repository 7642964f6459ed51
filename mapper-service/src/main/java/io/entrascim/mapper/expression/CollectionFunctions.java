package io.entrascim.mapper.expression;

import static io.entrascim.mapper.expression.FunctionLibrary.arg;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.entrascim.contracts.AppRoleAssignmentFact;

/** Multi-valued attributes and app roles: AppRoleAssignmentsComplex, Count, Item, Join, RemoveDuplicates, SingleAppRoleAssignment, Split. */
final class CollectionFunctions {
    static final String DEFAULT_ACCESS_ROLE = "00000000-0000-0000-0000-000000000000";

    private CollectionFunctions() {
    }

    static void register(FunctionLibrary lib) {
        lib.add("Count", 1, 1, (a, c) -> (long) Values.items(arg(a, 0, c)).size());
        lib.add("Item", 2, 2, (a, c) -> {
            List<Object> items = Values.items(arg(a, 0, c));
            long index = Values.toLong(arg(a, 1, c), "Item index");
            if (index < 1) {
                throw new ExpressionEvaluationException("Item index is 1-based and must be 1 or more but is " + index);
            }
            return index > items.size() ? null : items.get((int) index - 1);
        });
        lib.add("Join", 1, Integer.MAX_VALUE, (a, c) -> {
            String separator = Values.str(arg(a, 0, c), "Join separator");
            StringBuilder sb = new StringBuilder();
            boolean first = true;
            for (int i = 1; i < a.length; i++) {
                for (Object item : Values.items(a[i].eval(c))) {
                    String s = Values.str(item, "Join source");
                    if (s == null || s.isEmpty()) {
                        continue;
                    }
                    if (!first && separator != null) {
                        sb.append(separator);
                    }
                    sb.append(s);
                    first = false;
                }
            }
            return sb.toString();
        });
        lib.add("RemoveDuplicates", 1, 1, (a, c) -> {
            Object v = arg(a, 0, c);
            if (!(v instanceof List<?> list)) {
                return v;
            }
            return new ArrayList<>(new LinkedHashSet<>(list));
        });
        lib.add("Split", 2, 2, (a, c) -> {
            String s = Values.str(arg(a, 0, c), "Split source");
            String delimiter = Values.str(arg(a, 1, c), "Split delimiter");
            if (s == null) {
                return null;
            }
            if (delimiter == null || delimiter.isEmpty()) {
                return List.of(s);
            }
            List<Object> parts = new ArrayList<>();
            int from = 0;
            int at;
            while ((at = s.indexOf(delimiter, from)) >= 0) {
                parts.add(s.substring(from, at));
                from = at + delimiter.length();
            }
            parts.add(s.substring(from));
            return parts;
        });
        lib.add("SingleAppRoleAssignment", 1, 1, (a, c) -> {
            for (AppRoleAssignmentFact f : roles(arg(a, 0, c))) {
                if (!DEFAULT_ACCESS_ROLE.equals(f.appRoleId())) {
                    return f.appRoleValue() != null ? f.appRoleValue() : f.appRoleDisplayName();
                }
            }
            return null;
        });
        lib.add("AppRoleAssignmentsComplex", 1, 1, (a, c) -> {
            List<Object> out = new ArrayList<>();
            for (AppRoleAssignmentFact f : roles(arg(a, 0, c))) {
                if (DEFAULT_ACCESS_ROLE.equals(f.appRoleId())) {
                    continue;
                }
                String value = f.appRoleValue() != null ? f.appRoleValue() : f.appRoleDisplayName();
                Map<String, Object> role = new java.util.LinkedHashMap<>();
                role.put("primary", false);
                role.put("type", "WindowsAzureActiveDirectoryRole");
                role.put("display", f.appRoleDisplayName() != null ? f.appRoleDisplayName() : value);
                role.put("value", value);
                out.add(role);
            }
            return out.isEmpty() ? null : out;
        });
    }

    private static List<AppRoleAssignmentFact> roles(Object v) {
        List<AppRoleAssignmentFact> out = new ArrayList<>();
        for (Object item : Values.items(v)) {
            if (item instanceof AppRoleAssignmentFact f) {
                out.add(f);
            } else if (item instanceof Map<?, ?> m) {
                out.add(new AppRoleAssignmentFact(str(m.get("id")), str(m.get("appRoleId")), str(m.get("appRoleValue")),
                        str(m.get("appRoleDisplayName")), str(m.get("principalId")), str(m.get("principalType"))));
            } else {
                throw new ExpressionEvaluationException("expects [appRoleAssignments] but got a " + item.getClass().getSimpleName());
            }
        }
        return out;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
