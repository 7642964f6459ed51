package io.entrascim.sink.core;

import io.entrascim.contracts.ProvisioningCommand;
import io.entrascim.contracts.ProvisioningResult;

import java.util.List;

/** What the processor reports to notifications and metrics; every method must return quickly and never throw. */
public interface SinkEvents {

    /** A result was acknowledged on {@code provisioning.results.v1}. */
    default void resultPublished(ProvisioningResult result) {
    }

    /** A command was parked on the dead-letter topic. */
    default void deadLettered(ProvisioningCommand command, Outcome.Failure failure) {
    }

    /** The accidental-deletion guard held a disable/delete. */
    default void staged(ProvisioningCommand command, String reason) {
    }

    SinkEvents NONE = new SinkEvents() {
    };

    static SinkEvents all(List<? extends SinkEvents> listeners) {
        List<SinkEvents> copy = List.copyOf(listeners);
        return new SinkEvents() {
            @Override
            public void resultPublished(ProvisioningResult result) {
                copy.forEach(l -> l.resultPublished(result));
            }

            @Override
            public void deadLettered(ProvisioningCommand command, Outcome.Failure failure) {
                copy.forEach(l -> l.deadLettered(command, failure));
            }

            @Override
            public void staged(ProvisioningCommand command, String reason) {
                copy.forEach(l -> l.staged(command, reason));
            }
        };
    }
}
