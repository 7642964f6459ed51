package io.entrascim.sink.core;

/** An operator paused provisioning while a batch was being processed: the rest of the batch waits in Kafka. */
public final class OperatorPauseRequested extends RuntimeException {
    public OperatorPauseRequested() {
        super("paused by an operator", null, false, false);
    }

    /** True when {@code e} or one of its causes is this. */
    public static boolean isCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OperatorPauseRequested) {
                return true;
            }
        }
        return false;
    }
}
