package io.entrascim.contracts;

/** Why an event exists: which kind of cycle produced it. */
public enum CycleOrigin {
    /** The first, full read of the tenant (or a restart / resync). */
    INITIAL,
    /** A delta round from the stored watermark. */
    INCREMENTAL,
    /** Provision on demand for one object. */
    ON_DEMAND,
    /** Re-published by an operator from the dead-letter topic or the audit log. */
    REPLAY
}
