package io.entrascim.sink.core;

/**
 * A batch of commands stopped before its end: the commands before {@link #position()} are done and their
 * results acknowledged; the one at {@code position} and those after it must be delivered again (a result
 * not acknowledged, or an operator's pause that takes effect after the command in hand).
 */
public final class CommandBatchInterrupted extends RuntimeException {

    private final int position;

    public CommandBatchInterrupted(int position, RuntimeException cause) {
        super("commands from position " + position + " of the batch will be delivered again: " + cause.getMessage(), cause);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
