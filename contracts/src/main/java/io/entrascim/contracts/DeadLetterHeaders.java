package io.entrascim.contracts;

/** Header names carried by every record parked on a dead-letter topic. */
public final class DeadLetterHeaders {
    public static final String ORIGINAL_TOPIC = "dlt-original-topic";
    public static final String ORIGINAL_PARTITION = "dlt-original-partition";
    public static final String ORIGINAL_OFFSET = "dlt-original-offset";
    /** retriable, permanent, conflict, policy or malformed. */
    public static final String ERROR_CLASS = "dlt-error-class";
    public static final String ERROR_CODE = "dlt-error-code";
    public static final String ERROR_REASON = "dlt-error-reason";
    public static final String HTTP_STATUS = "dlt-http-status";
    public static final String SCIM_TYPE = "dlt-scim-type";
    public static final String SCIM_DETAIL = "dlt-scim-detail";
    public static final String ATTEMPTS = "dlt-attempts";
    public static final String FIRST_FAILURE_AT = "dlt-first-failure-at";
    public static final String LAST_FAILURE_AT = "dlt-last-failure-at";
    public static final String FAILED_BY = "dlt-failed-by";
    /** On a replayed record: the dead-letter coordinates (topic/partition/offset) it was replayed from. */
    public static final String REPLAY_OF = "replay-of";

    private DeadLetterHeaders() {
    }
}
