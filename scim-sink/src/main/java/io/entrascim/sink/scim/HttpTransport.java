package io.entrascim.sink.scim;

import java.io.IOException;
import java.net.URI;

/** One HTTP exchange of {@link JdkScimClient}; implementations own connections, timeouts and TLS. */
interface HttpTransport {

    /** Status, body (possibly empty) and the {@code Retry-After} header (null when absent). */
    record Exchange(int status, byte[] body, String retryAfter) {
    }

    /** Thrown for a request that timed out, so the caller can say so. */
    final class TimedOut extends IOException {
        TimedOut(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * @param body JSON bytes sent as {@code application/scim+json}, or null for none
     */
    Exchange send(String method, URI uri, String authorization, byte[] body) throws IOException, InterruptedException;
}
