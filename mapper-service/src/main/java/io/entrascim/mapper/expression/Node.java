package io.entrascim.mapper.expression;

import java.util.Set;

/** A node of a parsed expression. Immutable; evaluation walks the tree with a per-thread context. */
abstract class Node {
    final int column;

    Node(int column) {
        this.column = column;
    }

    abstract Object eval(EvaluationContext ctx);

    /** True for an empty argument position, e.g. the second argument of {@code Switch([x], , "a", "b")}. */
    boolean omitted() {
        return false;
    }

    void collectAttributes(Set<String> into) {
    }

    static final class Literal extends Node {
        final Object value;

        Literal(int column, Object value) {
            super(column);
            this.value = value;
        }

        @Override
        Object eval(EvaluationContext ctx) {
            return value;
        }
    }

    /** A bare word such as {@code vbTextCompare}; evaluates to its own name. */
    static final class Word extends Node {
        final String name;

        Word(int column, String name) {
            super(column);
            this.name = name;
        }

        @Override
        Object eval(EvaluationContext ctx) {
            return name;
        }
    }

    static final class Omitted extends Node {
        Omitted(int column) {
            super(column);
        }

        @Override
        Object eval(EvaluationContext ctx) {
            return null;
        }

        @Override
        boolean omitted() {
            return true;
        }
    }

    static final class Attribute extends Node {
        final String name;

        Attribute(int column, String name) {
            super(column);
            this.name = name;
        }

        @Override
        Object eval(EvaluationContext ctx) {
            return ctx.attribute(name);
        }

        @Override
        void collectAttributes(Set<String> into) {
            into.add(name);
        }
    }

    static final class Call extends Node {
        final FunctionLibrary.Definition function;
        final Node[] args;

        Call(int column, FunctionLibrary.Definition function, Node[] args) {
            super(column);
            this.function = function;
            this.args = args;
        }

        @Override
        Object eval(EvaluationContext ctx) {
            return function.body().apply(args, ctx);
        }

        @Override
        void collectAttributes(Set<String> into) {
            for (Node a : args) {
                a.collectAttributes(into);
            }
        }
    }

    /** {@code left op right}, as used in IIF conditions. A null or empty operand makes it false. */
    static final class Comparison extends Node {
        final String op;
        final Node left;
        final Node right;

        Comparison(int column, String op, Node left, Node right) {
            super(column);
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        Object eval(EvaluationContext ctx) {
            Object l = left.eval(ctx);
            Object r = right.eval(ctx);
            if (Values.isNullOrEmpty(l) || Values.isNullOrEmpty(r)) {
                return Values.FALSE;
            }
            String ls = Values.str(l, "comparison operand");
            String rs = Values.str(r, "comparison operand");
            int cmp = compare(ls, rs);
            boolean result = switch (op) {
                case "=" -> ls.equals(rs);
                case "<>" -> !ls.equals(rs);
                case ">" -> cmp > 0;
                case ">=" -> cmp >= 0;
                case "<" -> cmp < 0;
                default -> cmp <= 0;
            };
            return Values.bool(result);
        }

        private static int compare(String a, String b) {
            try {
                return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
            } catch (NumberFormatException e) {
                return a.compareTo(b);
            }
        }

        @Override
        void collectAttributes(Set<String> into) {
            left.collectAttributes(into);
            right.collectAttributes(into);
        }
    }
}
