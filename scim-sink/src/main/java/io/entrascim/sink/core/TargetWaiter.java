package io.entrascim.sink.core;

/** Blocks until the target may be tried again (the circuit breaker left its open state). */
public interface TargetWaiter {
    void awaitTarget() throws InterruptedException;
}
