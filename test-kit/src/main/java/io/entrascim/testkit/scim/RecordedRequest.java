package io.entrascim.testkit.scim;

import java.time.Instant;

/**
 * One request the {@link ScimTarget} received.
 *
 * @param method HTTP method
 * @param path   path below the base URL, e.g. {@code /Users} or {@code /Groups/abc}
 * @param query  decoded query string, or null
 * @param body   request body, or empty
 * @param status the status answered (0 when the connection was dropped)
 * @param at     when it arrived
 */
public record RecordedRequest(String method, String path, String query, String body, int status, Instant at) {

    public boolean isWrite() {
        return !"GET".equals(method);
    }
}
