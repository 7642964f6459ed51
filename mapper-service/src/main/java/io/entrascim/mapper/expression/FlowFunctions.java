package io.entrascim.mapper.expression;

import static io.entrascim.mapper.expression.FunctionLibrary.arg;
import static io.entrascim.mapper.expression.FunctionLibrary.given;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** Functions about the flow itself: Guid, IgnoreFlowIfNullOrEmpty, RandomString, Redact, SelectUniqueValue. */
final class FlowFunctions {
    static final int RANDOM_STRING_MAX = 256;
    private static final String DIGITS = "0123456789";
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String SPECIAL = "!@#$%^&*()-_=+[]{};:,.<>?/~";

    private FlowFunctions() {
    }

    static void register(FunctionLibrary lib) {
        lib.add("Guid", 0, 0, (a, c) -> randomUuid(c.random()));
        lib.add("IgnoreFlowIfNullOrEmpty", 1, 1, (a, c) -> {
            Object v = arg(a, 0, c);
            if (Values.isNullOrEmpty(v)) {
                c.dropped = true;
                return null;
            }
            return v;
        });
        lib.add("Redact", 1, 1, (a, c) -> {
            c.redacted = true;
            return arg(a, 0, c);
        });
        lib.add("RandomString", 5, 6, FlowFunctions::randomString);
        lib.add("SelectUniqueValue", 2, Integer.MAX_VALUE, (a, c) -> {
            for (Node rule : a) {
                Object v = rule.eval(c);
                String s = Values.str(v, "SelectUniqueValue rule");
                if (s != null && !s.isEmpty() && c.uniqueness().isUnique(null, s)) {
                    return s;
                }
            }
            return null;
        });
    }

    private static String randomUuid(RandomGenerator random) {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    private static Object randomString(Node[] a, EvaluationContext c) {
        int length = (int) Values.toLong(arg(a, 0, c), "RandomString Length");
        int numbers = (int) Values.toLong(arg(a, 1, c), "RandomString MinimumNumbers");
        int special = (int) Values.toLong(arg(a, 2, c), "RandomString MinimumSpecialCharacters");
        int capital = (int) Values.toLong(arg(a, 3, c), "RandomString MinimumCapital");
        int lower = (int) Values.toLong(arg(a, 4, c), "RandomString MinimumLowerCase");
        String avoid = given(a, 5) ? Values.str(arg(a, 5, c), "RandomString CharactersToAvoid") : null;
        if (length < 1 || length > RANDOM_STRING_MAX) {
            throw new ExpressionEvaluationException("RandomString Length must be between 1 and " + RANDOM_STRING_MAX + " but is " + length);
        }
        if (numbers < 0 || special < 0 || capital < 0 || lower < 0) {
            throw new ExpressionEvaluationException("RandomString minimums must not be negative");
        }
        if (numbers + special + capital + lower > length) {
            throw new ExpressionEvaluationException("RandomString minimums add up to " + (numbers + special + capital + lower)
                    + ", more than Length " + length);
        }
        String digits = without(DIGITS, avoid);
        String specials = without(SPECIAL, avoid);
        String uppers = without(UPPER, avoid);
        String lowers = without(LOWER, avoid);
        RandomGenerator r = c.random();
        List<Character> chars = new ArrayList<>(length);
        pick(chars, digits, numbers, r, "digits");
        pick(chars, specials, special, r, "special characters");
        pick(chars, uppers, capital, r, "capital letters");
        pick(chars, lowers, lower, r, "lower-case letters");
        String all = digits + specials + uppers + lowers;
        pick(chars, all, length - chars.size(), r, "characters");
        for (int i = chars.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            Character t = chars.get(i);
            chars.set(i, chars.get(j));
            chars.set(j, t);
        }
        StringBuilder sb = new StringBuilder(length);
        chars.forEach(sb::append);
        return sb.toString();
    }

    private static String without(String set, String avoid) {
        if (avoid == null || avoid.isEmpty()) {
            return set;
        }
        StringBuilder sb = new StringBuilder();
        for (char ch : set.toCharArray()) {
            if (avoid.indexOf(ch) < 0) {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static void pick(List<Character> into, String from, int count, RandomGenerator r, String what) {
        if (count > 0 && from.isEmpty()) {
            throw new ExpressionEvaluationException("RandomString: CharactersToAvoid leaves no " + what + " to choose from");
        }
        for (int i = 0; i < count; i++) {
            into.add(from.charAt(r.nextInt(from.length())));
        }
    }
}
