package io.entrascim.mapper.expression;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;

/** The functions an expression may call, looked up case-sensitively at parse time. */
final class FunctionLibrary {

    /** A function body; it evaluates its arguments itself, so IIF/Switch/Coalesce stay lazy. */
    @FunctionalInterface
    interface Body {
        Object apply(Node[] args, EvaluationContext ctx);
    }

    /**
     * @param check extra parse-time check on the argument count; returns a problem or null
     */
    record Definition(String name, int minArgs, int maxArgs, Body body, IntFunction<String> check) {
        String arity() {
            if (minArgs == maxArgs) {
                return minArgs + (minArgs == 1 ? " argument" : " arguments");
            }
            return maxArgs == Integer.MAX_VALUE ? "at least " + minArgs + " arguments"
                    : minArgs + " to " + maxArgs + " arguments";
        }
    }

    private final Map<String, Definition> functions = new TreeMap<>();

    static FunctionLibrary standard() {
        FunctionLibrary lib = new FunctionLibrary();
        StringFunctions.register(lib);
        LogicFunctions.register(lib);
        DateFunctions.register(lib);
        CollectionFunctions.register(lib);
        FlowFunctions.register(lib);
        return lib;
    }

    void add(String name, int min, int max, Body body) {
        add(name, min, max, body, null);
    }

    void add(String name, int min, int max, Body body, IntFunction<String> check) {
        functions.put(name, new Definition(name, min, max, body, check));
    }

    Definition get(String name) {
        return functions.get(name);
    }

    String caseInsensitiveMatch(String name) {
        for (String n : functions.keySet()) {
            if (n.equalsIgnoreCase(name)) {
                return n;
            }
        }
        return null;
    }

    Set<String> names() {
        return Collections.unmodifiableSet(functions.keySet());
    }

    // Helpers shared by the function groups.

    static Object arg(Node[] args, int i, EvaluationContext ctx) {
        return i < args.length ? args[i].eval(ctx) : null;
    }

    static boolean given(Node[] args, int i) {
        return i < args.length && !args[i].omitted();
    }
}
