package io.entrascim.audit.replay;

/** The sink could not be reached or refused the replay; the message says which, never with credentials. */
public class SinkReplayException extends RuntimeException {

    public SinkReplayException(String message) {
        super(message);
    }
}
