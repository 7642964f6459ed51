package io.entrascim.contracts;

/**
 * What the source observed about one object. Together with {@link AssignmentFacts} and the
 * {@code accountEnabled} attribute this is what the mapper needs to compute Entra's
 * {@code IsSoftDeleted} exactly.
 */
public enum ChangeKind {
    /** Created, updated or restored: the event carries the full snapshot of the selected attributes. */
    UPSERT,
    /** Graph {@code @removed} with reason {@code changed}: in the recycle bin, restorable for 30 days. */
    SOFT_DELETE,
    /** Graph {@code @removed} with reason {@code deleted}: permanently deleted. */
    HARD_DELETE,
    /** Only the members of a group changed ({@code members@delta}). */
    MEMBERSHIP_CHANGE
}
