package io.entrascim.testkit.graph;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * State of a delta round carried by {@code $skiptoken} (mid-round) or {@code $deltatoken} (next round), opaque to
 * clients like Graph's. {@code since} = -1 means an initial (full) round; {@code cutoff} is the directory sequence
 * the round started at and becomes the next round's {@code since}.
 */
record PageToken(char kind, long since, long cutoff, int pos, int memberOffset, int epoch, String select) {

    String encode() {
        String raw = kind + "|" + since + "|" + cutoff + "|" + pos + "|" + memberOffset + "|" + epoch + "|" + select;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Null when the token is not one of ours. */
    static PageToken decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] p = raw.split("\\|", 7);
            if (p.length != 7 || p[0].length() != 1) {
                return null;
            }
            return new PageToken(p[0].charAt(0), Long.parseLong(p[1]), Long.parseLong(p[2]), Integer.parseInt(p[3]),
                    Integer.parseInt(p[4]), Integer.parseInt(p[5]), p[6]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
