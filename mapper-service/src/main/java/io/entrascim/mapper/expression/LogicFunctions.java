package io.entrascim.mapper.expression;

import static io.entrascim.mapper.expression.FunctionLibrary.arg;

import java.util.List;

/** Conditions and booleans: BitAnd, CBool, Coalesce, IIF, IsNull, IsNullOrEmpty, IsPresent, IsString, Not, Switch. */
final class LogicFunctions {
    private LogicFunctions() {
    }

    static void register(FunctionLibrary lib) {
        lib.add("BitAnd", 2, 2, (a, c) -> Values.toLong(arg(a, 0, c), "BitAnd value1") & Values.toLong(arg(a, 1, c), "BitAnd value2"));
        lib.add("CBool", 1, 1, (a, c) -> cbool(arg(a, 0, c)));
        lib.add("Coalesce", 1, Integer.MAX_VALUE, (a, c) -> {
            for (Node n : a) {
                Object v = n.eval(c);
                if (v != null && !(v instanceof List<?> l && l.isEmpty())) {
                    return v;
                }
            }
            return null;
        });
        lib.add("IIF", 3, 3, (a, c) -> Values.isTrue(arg(a, 0, c)) ? arg(a, 1, c) : arg(a, 2, c));
        lib.add("IsNull", 1, 1, (a, c) -> {
            Object v = arg(a, 0, c);
            return Values.bool(v == null || (v instanceof List<?> l && l.isEmpty()));
        });
        lib.add("IsNullOrEmpty", 1, 1, (a, c) -> Values.bool(Values.isNullOrEmpty(arg(a, 0, c))));
        lib.add("IsPresent", 1, 1, (a, c) -> Values.bool(!Values.isNullOrEmpty(arg(a, 0, c))));
        lib.add("IsString", 1, 1, (a, c) -> Values.bool(arg(a, 0, c) instanceof String));
        lib.add("Not", 1, 1, (a, c) -> Values.bool(!Values.isTrue(arg(a, 0, c))));
        lib.add("Switch", 2, Integer.MAX_VALUE, LogicFunctions::switchFn,
                n -> n % 2 == 0 ? null : "needs source, defaultValue and then key/value pairs (an even number of arguments)");
    }

    /** .NET CBool: "True"/"False" as such; a number is True unless it is zero. */
    private static String cbool(Object v) {
        if (v == null) {
            return Values.FALSE;
        }
        if (v instanceof Long l) {
            return Values.bool(l != 0);
        }
        String s = Values.str(v, "CBool Expression").trim();
        if (s.equalsIgnoreCase(Values.TRUE)) {
            return Values.TRUE;
        }
        if (s.equalsIgnoreCase(Values.FALSE) || s.isEmpty()) {
            return Values.FALSE;
        }
        try {
            return Values.bool(Double.parseDouble(s) != 0);
        } catch (NumberFormatException e) {
            throw new ExpressionEvaluationException("CBool cannot convert \"" + s + "\" to a Boolean");
        }
    }

    /** Keys compare case-sensitively; a null source compares as "" so that a "" key catches it. */
    private static Object switchFn(Node[] a, EvaluationContext c) {
        Object source = a[0].eval(c);
        String key = source == null ? "" : Values.str(source, "Switch source");
        for (int i = 2; i + 1 < a.length; i += 2) {
            Object k = a[i].eval(c);
            String ks = k == null ? "" : Values.str(k, "Switch key");
            if (ks.equals(key)) {
                return a[i + 1].eval(c);
            }
        }
        return a[1].eval(c);
    }
}
