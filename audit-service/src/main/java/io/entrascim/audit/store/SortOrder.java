package io.entrascim.audit.store;

/** Order of activity time (ties broken by id in the same direction, which keeps keyset paging exact). */
public enum SortOrder {
    ASC, DESC
}
