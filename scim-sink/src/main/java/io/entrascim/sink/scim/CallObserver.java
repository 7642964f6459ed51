package io.entrascim.sink.scim;

import java.time.Duration;

/** Sees every single SCIM request (each retry attempt too): feeds quarantine and metrics. */
@FunctionalInterface
public interface CallObserver {

    /** Status of a request that got no HTTP answer (timeout, reset, refused). */
    int NO_RESPONSE = -1;

    /**
     * @param operation {@code get}, {@code find}, {@code create}, {@code patch} or {@code delete}
     * @param status    HTTP status, or {@link #NO_RESPONSE}
     */
    void observe(String operation, ResourceKind kind, int status, Duration took);
}
