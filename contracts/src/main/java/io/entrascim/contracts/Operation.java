package io.entrascim.contracts;

/** What the sink must make true in the target for one object. */
public enum Operation {
    /** Create when no match exists, otherwise update the differing attributes. */
    UPSERT,
    /** Set {@code active=false} on the linked target object. */
    DISABLE,
    /** DELETE the linked target object. */
    DELETE,
    /** Add members (by source id) to the linked target group. */
    ADD_MEMBERS,
    /** Remove members (by source id) from the linked target group. */
    REMOVE_MEMBERS
}
