package io.entrascim.mapper.expression;

import static io.entrascim.mapper.expression.FunctionLibrary.arg;
import static io.entrascim.mapper.expression.FunctionLibrary.given;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text functions: Append, ConvertToBase64, ConvertToUTF8Hex, CStr, InStr, Left, Mid, NormalizeDiacritics, PCase, Replace, StripSpaces, ToLower, ToUpper, Word. */
final class StringFunctions {
    private StringFunctions() {
    }

    static void register(FunctionLibrary lib) {
        lib.add("Append", 2, 2, (a, c) -> {
            String suffix = Values.str(arg(a, 1, c), "Append suffix");
            return Values.eachString(arg(a, 0, c), "Append source", s -> suffix == null ? s : s + suffix);
        });
        lib.add("ConvertToBase64", 1, 1, (a, c) -> Values.eachString(arg(a, 0, c), "ConvertToBase64 source",
                s -> java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_16LE))));
        lib.add("ConvertToUTF8Hex", 1, 1, (a, c) -> Values.eachString(arg(a, 0, c), "ConvertToUTF8Hex source",
                s -> HexFormat.of().withUpperCase().formatHex(s.getBytes(StandardCharsets.UTF_8))));
        lib.add("CStr", 1, 1, (a, c) -> {
            Object v = arg(a, 0, c);
            return v instanceof List<?> ? Values.eachString(v, "CStr value", s -> s) : Values.str(v, "CStr value");
        });
        lib.add("InStr", 2, 4, StringFunctions::inStr);
        lib.add("Left", 2, 2, (a, c) -> {
            Object v = arg(a, 0, c);
            if (v == null) {
                return "";
            }
            long n = Values.toLong(arg(a, 1, c), "Left NumChars");
            return Values.eachString(v, "Left String", s -> n < 0 ? s : n >= s.length() ? s : s.substring(0, (int) n));
        });
        lib.add("Mid", 3, 3, (a, c) -> {
            Object v = arg(a, 0, c);
            if (v == null) {
                return null;
            }
            long start = Values.toLong(arg(a, 1, c), "Mid start");
            long length = Values.toLong(arg(a, 2, c), "Mid length");
            if (start < 1) {
                throw new ExpressionEvaluationException("Mid start must be 1 or more (1-based) but is " + start);
            }
            return Values.eachString(v, "Mid source", s -> {
                int from = (int) Math.min(start - 1, s.length());
                int to = length < 0 ? s.length() : (int) Math.min((long) from + length, s.length());
                return s.substring(from, to);
            });
        });
        lib.add("NormalizeDiacritics", 1, 1, (a, c) -> Values.eachString(arg(a, 0, c), "NormalizeDiacritics source",
                Diacritics::normalize));
        lib.add("PCase", 1, 2, (a, c) -> {
            String separators = given(a, 1) ? Values.str(arg(a, 1, c), "PCase wordSeparators") : null;
            return Values.eachString(arg(a, 0, c), "PCase source", s -> properCase(s, separators));
        });
        lib.add("Replace", 2, 7, StringFunctions::replace);
        lib.add("StripSpaces", 1, 1, (a, c) -> Values.eachString(arg(a, 0, c), "StripSpaces source",
                s -> s.indexOf(' ') < 0 ? s : s.replace(" ", "")));
        lib.add("ToLower", 1, 2, (a, c) -> {
            Locale locale = culture(a, c, "ToLower");
            return Values.eachString(arg(a, 0, c), "ToLower source", s -> s.toLowerCase(locale));
        });
        lib.add("ToUpper", 1, 2, (a, c) -> {
            Locale locale = culture(a, c, "ToUpper");
            return Values.eachString(arg(a, 0, c), "ToUpper source", s -> s.toUpperCase(locale));
        });
        lib.add("Word", 3, 3, (a, c) -> {
            String s = Values.str(arg(a, 0, c), "Word String");
            Object n = arg(a, 1, c);
            String delimiters = Values.str(arg(a, 2, c), "Word Delimiters");
            if (s == null || n == null) {
                return "";
            }
            return word(s, Values.toLong(n, "Word WordNumber"), delimiters == null ? "" : delimiters);
        });
    }

    private static Locale culture(Node[] a, EvaluationContext c, String fn) {
        if (!given(a, 1)) {
            return Locale.ROOT;
        }
        String tag = Values.str(arg(a, 1, c), fn + " culture");
        return tag == null || tag.isBlank() ? Locale.ROOT : Locale.forLanguageTag(tag);
    }

    private static Object inStr(Node[] a, EvaluationContext c) {
        String value1 = Values.str(arg(a, 0, c), "InStr value1");
        String value2 = Values.str(arg(a, 1, c), "InStr value2");
        long start = given(a, 2) ? Values.toLong(arg(a, 2, c), "InStr start") : 1;
        String compare = given(a, 3) ? Values.str(arg(a, 3, c), "InStr compareType") : "vbBinaryCompare";
        if (value1 == null || value2 == null) {
            return null;
        }
        if (start < 1) {
            throw new ExpressionEvaluationException("InStr start must be 1 or more but is " + start);
        }
        if (start > value1.length()) {
            return 0L;
        }
        boolean text = switch (compare) {
            case "vbTextCompare", "1" -> true;
            case "vbBinaryCompare", "0" -> false;
            default -> throw new ExpressionEvaluationException(
                    "InStr compareType must be vbBinaryCompare or vbTextCompare but is " + compare);
        };
        int idx = text ? value1.toLowerCase(Locale.ROOT).indexOf(value2.toLowerCase(Locale.ROOT), (int) start - 1)
                : value1.indexOf(value2, (int) start - 1);
        return (long) (idx + 1);
    }

    /**
     * Capitalises the first letter of each word and lowers the rest. Without separators a word is a
     * run of letters, digits and apostrophes (close to .NET ToTitleCase on lowered text).
     */
    static String properCase(String s, String separators) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean startOfWord = true;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean separator = separators != null && !separators.isEmpty()
                    ? separators.indexOf(ch) >= 0
                    : !(Character.isLetterOrDigit(ch) || ch == '\'' || ch == '\u2019');
            if (separator) {
                sb.append(ch);
                startOfWord = true;
            } else if (startOfWord) {
                sb.append(Character.toTitleCase(ch));
                startOfWord = false;
            } else {
                sb.append(Character.toLowerCase(ch));
            }
        }
        return sb.toString();
    }

    private static String word(String s, long n, String delimiters) {
        if (n < 1) {
            return "";
        }
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (delimiters.indexOf(ch) >= 0) {
                if (!current.isEmpty()) {
                    words.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(ch);
            }
        }
        if (!current.isEmpty()) {
            words.add(current.toString());
        }
        return n > words.size() ? "" : words.get((int) n - 1);
    }

    /**
     * Replace(source, oldValue, regexPattern, regexGroupName, replacementValue, replacementAttributeName, template):
     * the argument combination selects the mode, as documented.
     */
    private static Object replace(Node[] a, EvaluationContext c) {
        Object source = arg(a, 0, c);
        String oldValue = given(a, 1) ? Values.str(arg(a, 1, c), "Replace oldValue") : null;
        String regex = given(a, 2) ? Values.str(arg(a, 2, c), "Replace regexPattern") : null;
        String group = given(a, 3) ? Values.str(arg(a, 3, c), "Replace regexGroupName") : null;
        boolean hasReplacement = given(a, 4);
        String replacement = hasReplacement ? Values.str(arg(a, 4, c), "Replace replacementValue") : null;
        boolean hasReplacementAttribute = given(a, 5);
        String template = given(a, 6) ? Values.str(arg(a, 6, c), "Replace template") : null;

        if (regex != null && group != null && hasReplacementAttribute && !hasReplacement) {
            if (!Values.isNullOrEmpty(source)) {
                return source;
            }
            String other = Values.str(replacementAttributeValue(a[5], c), "Replace replacementAttributeName");
            if (other == null) {
                return null;
            }
            Matcher m = compile(regex).matcher(other);
            return m.find() ? m.group(group) : null;
        }
        if (oldValue != null && template != null) {
            String s = Values.str(source, "Replace source");
            return s == null ? null : template.replace(oldValue, s);
        }
        if (source == null) {
            return null;
        }
        String repl = replacement == null ? "" : replacement;
        if (oldValue != null) {
            return Values.eachString(source, "Replace source", s -> oldValue.isEmpty() ? s : s.replace(oldValue, repl));
        }
        if (regex != null) {
            Pattern p = compile(regex);
            if (group != null) {
                return Values.eachString(source, "Replace source", s -> replaceGroup(p, group, s, repl));
            }
            String javaRepl = dotNetReplacement(repl);
            return Values.eachString(source, "Replace source", s -> p.matcher(s).replaceAll(javaRepl));
        }
        return source;
    }

    private static Object replacementAttributeValue(Node node, EvaluationContext c) {
        if (node instanceof Node.Literal lit && lit.value instanceof String name) {
            return c.attribute(name);
        }
        return node.eval(c);
    }

    private static String replaceGroup(Pattern p, String group, String s, String replacement) {
        Matcher m = p.matcher(s);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        while (m.find()) {
            int gs;
            int ge;
            try {
                gs = m.start(group);
                ge = m.end(group);
            } catch (IllegalArgumentException e) {
                throw new ExpressionEvaluationException("Replace regexGroupName '" + group + "' is not a group of the pattern");
            }
            if (gs < 0) {
                continue;
            }
            sb.append(s, last, gs).append(replacement);
            last = ge;
        }
        sb.append(s, last, s.length());
        return sb.toString();
    }

    /** .NET substitutions ($1, ${name}, $$) mapped to Java's; a lone backslash is literal in .NET. */
    private static String dotNetReplacement(String repl) {
        StringBuilder sb = new StringBuilder(repl.length() + 4);
        for (int i = 0; i < repl.length(); i++) {
            char ch = repl.charAt(i);
            if (ch == '\\') {
                sb.append("\\\\");
            } else if (ch == '$' && i + 1 < repl.length() && repl.charAt(i + 1) == '$') {
                sb.append("\\$");
                i++;
            } else if (ch == '$' && (i + 1 >= repl.length()
                    || !(repl.charAt(i + 1) == '{' || Character.isDigit(repl.charAt(i + 1))))) {
                sb.append("\\$");
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, Pattern> PATTERNS =
            new java.util.concurrent.ConcurrentHashMap<>();

    static Pattern compile(String regex) {
        Pattern p = PATTERNS.get(regex);
        if (p != null) {
            return p;
        }
        try {
            p = Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new ExpressionEvaluationException("invalid regular expression \"" + regex + "\": " + e.getDescription());
        }
        if (PATTERNS.size() < 1000) {
            PATTERNS.put(regex, p);
        }
        return p;
    }
}
