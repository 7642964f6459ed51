package io.entrascim.source;

/** Graph no longer knows the delta/skip token (410 Gone, {@code syncStateNotFound}, {@code resyncRequired}): resync. */
final class SyncStateLostException extends GraphException {
    SyncStateLostException(int status, String code, String message) {
        super(status, code, message, false);
    }
}
