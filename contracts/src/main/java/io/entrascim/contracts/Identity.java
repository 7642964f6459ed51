package io.entrascim.contracts;

/**
 * Graph {@code provisionedIdentity}.
 *
 * @param id           object id in its system (Entra object id, or SCIM id), may be null when unknown
 * @param displayName  display name (userPrincipalName / userName for users), may be null
 * @param identityType {@code User} or {@code Group}
 */
public record Identity(String id, String displayName, String identityType) {
}
