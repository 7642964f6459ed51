package io.entrascim.contracts;

/**
 * One Graph {@code appRoleAssignment} that puts a user in the app's scope, directly or through a
 * group ({@code principalType} = Group, then {@code principalId} is the group id).
 *
 * @param id               assignment id
 * @param appRoleId        app role id ({@code 00000000-0000-0000-0000-000000000000} = default access)
 * @param appRoleValue     the role's {@code value}, may be null
 * @param appRoleDisplayName the role's display name, may be null
 * @param principalId      the user or group the role is assigned to
 * @param principalType    {@code User} or {@code Group}
 */
public record AppRoleAssignmentFact(
        String id,
        String appRoleId,
        String appRoleValue,
        String appRoleDisplayName,
        String principalId,
        String principalType) {
}
