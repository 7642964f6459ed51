package io.entrascim.audit.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Keyset position after the last row of a page: its activity time (microseconds, as PostgreSQL stores it) and id.
 * Opaque to clients; a page asked for with it starts right after that row, whatever was inserted meanwhile.
 */
public record Cursor(Instant activityTime, String id) {

    public String encode() {
        long micros = Math.addExact(Math.multiplyExact(activityTime.getEpochSecond(), 1_000_000L), activityTime.getNano() / 1_000);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException naming the parameter when the text is not a cursor this service issued */
    public static Cursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            long micros = Long.parseLong(plain.substring(0, colon));
            String id = plain.substring(colon + 1);
            if (id.isEmpty()) {
                throw new IllegalArgumentException("empty id");
            }
            return new Cursor(Instant.EPOCH.plusNanos(Math.multiplyExact(micros, 1_000L)), id);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cursor: not a cursor returned by this API (use nextCursor of the previous page)");
        }
    }
}
