package io.entrascim.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** A query string; null and blank values are left out, so optional filters need no ifs at the call site. */
final class Query {
    private final StringJoiner parts = new StringJoiner("&");

    static Query of() {
        return new Query();
    }

    Query add(String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            parts.add(encode(name) + "=" + encode(value.toString().trim()));
        }
        return this;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return parts.length() == 0 ? "" : "?" + parts;
    }
}
