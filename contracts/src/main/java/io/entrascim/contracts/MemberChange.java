package io.entrascim.contracts;

/**
 * One entry of a group's {@code members@delta}.
 *
 * @param memberId   Entra object id of the member
 * @param memberType {@link ObjectType#USER} or {@link ObjectType#GROUP} (a nested group)
 * @param removed    true when the membership ended (Graph {@code @removed})
 */
public record MemberChange(String memberId, ObjectType memberType, boolean removed) {
}
