package io.entrascim.sink.scim;

import tools.jackson.databind.JsonNode;

/**
 * A successful SCIM answer.
 *
 * @param status HTTP status (2xx)
 * @param body   parsed JSON body, or a missing node for 204
 * @param millis round-trip time
 */
public record ScimResponse(int status, JsonNode body, long millis) {
}
