package io.entrascim.sink.core;

/** Pauses and resumes the consumption of commands (the Kafka binding) while the target is down. */
public interface ConsumptionGate {
    void pause();

    void resume();
}
