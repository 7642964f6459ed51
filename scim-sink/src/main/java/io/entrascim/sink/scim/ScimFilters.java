package io.entrascim.sink.scim;

import java.util.regex.Pattern;

/** Builds the only filter the sink sends: {@code <attribute> eq "<value>"}, safely. */
public final class ScimFilters {

    /** Attribute paths as mappings write them; anything else could smuggle filter syntax in. */
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z][A-Za-z0-9_$.:-]*");

    private ScimFilters() {
    }

    /**
     * @throws IllegalArgumentException when {@code attribute} is not a plain attribute path
     */
    public static String eq(String attribute, String value) {
        if (attribute == null || !ATTRIBUTE.matcher(attribute).matches()) {
            throw new IllegalArgumentException("matching attribute '" + attribute + "' is not a plain SCIM attribute path");
        }
        return attribute + " eq \"" + escape(value) + "\"";
    }

    /** JSON string escaping (RFC 7644 §3.4.2.2: compValue is a JSON string). */
    static String escape(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
