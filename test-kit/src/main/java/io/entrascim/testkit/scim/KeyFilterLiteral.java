package io.entrascim.testkit.scim;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SCIM-SDK filter grammar stops a string at an escaped quote ({@code "o\"brien"} reads as
 * {@code o\}), so a matching query for a value containing {@code "} or {@code \} would silently find
 * nothing. For the one query shape clients use to match ({@code <key> eq "<value>"}), the value is
 * unescaped here and handed to the handler's index lookup on the request thread; the SDK still parses a
 * harmless placeholder filter and does everything else (paging, attributes, the ListResponse).
 */
final class KeyFilterLiteral {

    private static final Pattern KEY_EQ = Pattern.compile(
            "^\\s*(userName|displayName)\\s+eq\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*$", Pattern.CASE_INSENSITIVE);
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
    static final String PLACEHOLDER = "scim-target-literal";

    private KeyFilterLiteral() {
    }

    /** Returns the query to hand to the SDK; remembers the unescaped literal when rewritten. */
    static String rewrite(String rawQuery) {
        CURRENT.remove();
        if (rawQuery == null || !rawQuery.contains("filter=")) {
            return rawQuery;
        }
        StringBuilder out = new StringBuilder();
        for (String part : rawQuery.split("&")) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).equals("filter")) {
                String filter = URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
                Matcher m = KEY_EQ.matcher(filter);
                if (m.matches() && m.group(2).indexOf('\\') >= 0) {
                    CURRENT.set(unescape(m.group(2)));
                    part = "filter=" + URLEncoder.encode(m.group(1) + " eq \"" + PLACEHOLDER + "\"", StandardCharsets.UTF_8);
                }
            }
            out.append(part);
        }
        return out.toString();
    }

    /** The literal for this request when the filter value is the placeholder, else {@code value}. */
    static String resolve(String value) {
        String literal = CURRENT.get();
        return literal != null && PLACEHOLDER.equals(value) ? literal : value;
    }

    static void clear() {
        CURRENT.remove();
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                sb.append(s.charAt(++i));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
