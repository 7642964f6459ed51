package io.entrascim.mapper.expression;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The value model: String, Long, List (multi-valued) or null. Booleans are the strings
 * {@code "True"}/{@code "False"}, as in Entra.
 */
public final class Values {
    public static final String TRUE = "True";
    public static final String FALSE = "False";

    private Values() {
    }

    public static String bool(boolean b) {
        return b ? TRUE : FALSE;
    }

    /** Brings a source value (JSON-ish: Boolean, Integer, Double, Collection) into the value model. */
    public static Object normalize(Object v) {
        if (v == null || v instanceof String || v instanceof Long) {
            return v;
        }
        if (v instanceof Boolean b) {
            return bool(b);
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n) {
            BigDecimal d = new BigDecimal(n.toString()).stripTrailingZeros();
            if (d.scale() <= 0 && d.toBigInteger().bitLength() < 64) {
                return d.longValue();
            }
            return d.toPlainString();
        }
        if (v instanceof Collection<?> c) {
            if (c.isEmpty()) {
                return null;
            }
            List<Object> out = new ArrayList<>(c.size());
            for (Object o : c) {
                out.add(o instanceof String ? o : normalize(o));
            }
            return out;
        }
        return v.toString();
    }

    public static boolean isNullOrEmpty(Object v) {
        return v == null || (v instanceof String s && s.isEmpty()) || (v instanceof List<?> l && l.isEmpty());
    }

    /** Single value as text; a one-element list counts as its element; other lists are an error. */
    public static String str(Object v, String what) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof Long l) {
            return l.toString();
        }
        if (v instanceof List<?> list) {
            if (list.size() == 1) {
                return str(list.get(0), what);
            }
            throw new ExpressionEvaluationException(what + " expects a single value but got " + list.size() + " values");
        }
        return v.toString();
    }

    /** Applies a text function to a single value, or to each value of a multi-valued one. */
    public static Object eachString(Object v, String what, UnaryOperator<String> f) {
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(f.apply(str(o, what)));
            }
            return out;
        }
        return v == null ? null : f.apply(str(v, what));
    }

    public static long toLong(Object v, String what) {
        if (v instanceof Long l) {
            return l;
        }
        String s = str(v, what);
        if (s == null) {
            throw new ExpressionEvaluationException(what + " is null, a number is required");
        }
        s = s.trim();
        try {
            if (s.startsWith("&H") || s.startsWith("&h")) {
                return Long.parseLong(s.substring(2), 16);
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            try {
                return new BigDecimal(s).longValue();
            } catch (NumberFormatException e2) {
                throw new ExpressionEvaluationException(what + " is not a number: \"" + s + "\"");
            }
        }
    }

    public static double toDouble(Object v, String what) {
        if (v instanceof Long l) {
            return l;
        }
        String s = str(v, what);
        if (s == null) {
            throw new ExpressionEvaluationException(what + " is null, a number is required");
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new ExpressionEvaluationException(what + " is not a number: \"" + s + "\"");
        }
    }

    public static boolean isTrue(Object v) {
        return v != null && TRUE.equalsIgnoreCase(str(v, "boolean"));
    }

    /** Flattens a value into its items (single value: one item; null: none). */
    public static List<Object> items(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            @SuppressWarnings("unchecked")
            List<Object> items = (List<Object>) l;
            return items;
        }
        return List.of(v);
    }
}
