package io.entrascim.sink.scim;

/**
 * An RFC 7644 §3.12 {@code Error} body (or what could be read of it).
 *
 * @param status   HTTP status
 * @param scimType SCIM {@code scimType} (e.g. {@code uniqueness}, {@code invalidFilter}), may be null
 * @param detail   SCIM {@code detail}, may be null
 */
public record ScimError(int status, String scimType, String detail) {
}
