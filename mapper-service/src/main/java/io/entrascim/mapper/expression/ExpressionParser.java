package io.entrascim.mapper.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for Entra's VBA-like expression syntax:
 * <pre>
 * expression := operand (("=" | "&lt;&gt;" | "&gt;" | "&gt;=" | "&lt;" | "&lt;=") operand)?
 * operand    := "[" name "]" | "\"" text "\"" | number | "&amp;H" hex | Name "(" args ")" | Name
 * args       := (expression?) ("," expression?)*      // empty positions are omitted arguments
 * </pre>
 * Function names are case-sensitive and checked, with their argument counts, at parse time.
 */
final class ExpressionParser {
    static final int MAX_LENGTH = 10_000;
    /**
     * Deepest function-call nesting accepted. Parsing and evaluating recurse once per level, so without a bound a
     * 10,000-character {@code Not(Not(...))} could overflow a consumer thread's stack (500 levels already overflowed a
     * 512 KiB stack while the parser still ran interpreted); 250 levels fit in half the JVM's default 1 MiB thread stack
     * (tested), and no real mapping comes close (Entra's own examples nest fewer than 10).
     */
    static final int MAX_DEPTH = 250;

    private final String text;
    private final FunctionLibrary library;
    private int pos;
    private int depth;

    private ExpressionParser(String text, FunctionLibrary library) {
        this.text = text;
        this.library = library;
    }

    static Node parse(String text, FunctionLibrary library) {
        if (text == null || text.isBlank()) {
            throw new ExpressionParseException("empty expression", 1);
        }
        if (text.length() > MAX_LENGTH) {
            throw new ExpressionParseException("expression is " + text.length() + " characters long; Entra allows at most "
                    + MAX_LENGTH, MAX_LENGTH + 1);
        }
        ExpressionParser p = new ExpressionParser(text, library);
        Node node = p.expression();
        p.skipSpaces();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "' after the end of the expression");
        }
        return node;
    }

    private Node expression() {
        skipSpaces();
        int start = pos;
        Node left = operand();
        skipSpaces();
        String op = comparisonOperator();
        if (op == null) {
            return left;
        }
        skipSpaces();
        if (atArgumentEnd()) {
            throw error("missing right operand of '" + op + "'");
        }
        Node right = operand();
        return new Node.Comparison(start + 1, op, left, right);
    }

    private String comparisonOperator() {
        if (pos >= text.length()) {
            return null;
        }
        for (String op : new String[] {"<>", ">=", "<=", "=", ">", "<"}) {
            if (text.startsWith(op, pos)) {
                pos += op.length();
                return op;
            }
        }
        return null;
    }

    private Node operand() {
        skipSpaces();
        if (pos >= text.length()) {
            throw error("unexpected end of expression, expected an attribute, a string, a number or a function");
        }
        char c = text.charAt(pos);
        int column = pos + 1;
        if (c == '[') {
            return attribute();
        }
        if (c == '"') {
            return new Node.Literal(column, string());
        }
        if (c == '&' && pos + 1 < text.length() && (text.charAt(pos + 1) == 'H' || text.charAt(pos + 1) == 'h')) {
            return hex();
        }
        if (Character.isDigit(c) || (c == '-' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            String name = identifier();
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) == '(') {
                return call(name, column);
            }
            return new Node.Word(column, name);
        }
        throw error("unexpected '" + c + "', expected an attribute, a string, a number or a function");
    }

    private Node attribute() {
        int column = pos + 1;
        int close = text.indexOf(']', pos + 1);
        if (close < 0) {
            throw error("attribute name is not closed with ']'");
        }
        String name = text.substring(pos + 1, close).trim();
        if (name.isEmpty()) {
            throw error("empty attribute name");
        }
        pos = close + 1;
        return new Node.Attribute(column, name);
    }

    /** A double-quoted string; backslash escapes the next character (\" and \\). */
    private String string() {
        int startColumn = pos + 1;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length()) {
                char next = text.charAt(pos + 1);
                if (next == '"' || next == '\\') {
                    sb.append(next);
                    pos += 2;
                    continue;
                }
                // An unknown escape keeps the backslash: "\d" stays a regex class.
                sb.append(c);
                pos++;
                continue;
            }
            if (c == '"') {
                pos++;
                return sb.toString();
            }
            sb.append(c);
            pos++;
        }
        throw new ExpressionParseException("string constant is not closed with '\"'", startColumn);
    }

    private Node hex() {
        int column = pos + 1;
        pos += 2;
        int start = pos;
        while (pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0) {
            pos++;
        }
        if (start == pos) {
            throw error("hexadecimal literal needs digits after '&H'");
        }
        return new Node.Literal(column, Long.parseLong(text.substring(start, pos), 16));
    }

    private Node number() {
        int column = pos + 1;
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            return new Node.Literal(column, text.substring(start, pos));
        }
        try {
            return new Node.Literal(column, Long.parseLong(text.substring(start, pos)));
        } catch (NumberFormatException e) {
            throw new ExpressionParseException("number out of range", column);
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private Node call(String name, int column) {
        FunctionLibrary.Definition def = library.get(name);
        if (def == null) {
            String hint = library.caseInsensitiveMatch(name);
            throw new ExpressionParseException("unknown function '" + name + "'"
                    + (hint == null ? "" : " (function names are case-sensitive: did you mean '" + hint + "'?)"), column);
        }
        if (++depth > MAX_DEPTH) {
            throw new ExpressionParseException("function calls nested more than " + MAX_DEPTH + " deep (the limit) at '" + name + "'",
                    column);
        }
        pos++; // (
        List<Node> args = new ArrayList<>();
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == ')') {
            pos++;
        } else {
            while (true) {
                skipSpaces();
                if (pos >= text.length()) {
                    throw error("'" + name + "(' is not closed with ')'");
                }
                if (atArgumentEnd()) {
                    args.add(new Node.Omitted(pos + 1));
                } else {
                    args.add(expression());
                }
                skipSpaces();
                if (pos >= text.length()) {
                    throw error("'" + name + "(' is not closed with ')'");
                }
                char c = text.charAt(pos);
                if (c == ',') {
                    pos++;
                    continue;
                }
                if (c == ')') {
                    pos++;
                    break;
                }
                throw error("expected ',' or ')' in the arguments of " + name + " but found '" + c + "'");
            }
        }
        depth--;
        // Trailing omitted positions do not count against the maximum: Replace(..., ,) is the doc's own form.
        int effective = args.size();
        while (effective > def.minArgs() && args.get(effective - 1).omitted()) {
            effective--;
        }
        if (effective < def.minArgs() || effective > def.maxArgs()) {
            throw new ExpressionParseException(name + " takes " + def.arity() + " but got " + args.size(), column);
        }
        if (def.check() != null) {
            String problem = def.check().apply(args.size());
            if (problem != null) {
                throw new ExpressionParseException(name + ": " + problem, column);
            }
        }
        return new Node.Call(column, def, args.toArray(new Node[0]));
    }

    private boolean atArgumentEnd() {
        return pos < text.length() && (text.charAt(pos) == ',' || text.charAt(pos) == ')');
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private ExpressionParseException error(String reason) {
        return new ExpressionParseException(reason, pos + 1);
    }
}
