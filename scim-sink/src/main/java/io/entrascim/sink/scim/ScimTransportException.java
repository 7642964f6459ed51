package io.entrascim.sink.scim;

/** No usable answer: connect failure, reset, timeout or an unreadable body. Always worth retrying. */
public class ScimTransportException extends RuntimeException {

    private final String method;
    private final String path;

    public ScimTransportException(String method, String path, String reason, Throwable cause) {
        super(method + " " + path + " failed: " + reason, cause);
        this.method = method;
        this.path = path;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }
}
