package io.entrascim.sink.app;

import io.entrascim.sink.core.ConsumptionGate;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;

/** Pauses the Kafka binding (consumer pause: no fetches, no rebalance) and resumes it. */
final class BindingGate implements ConsumptionGate {

    private final BindingsLifecycleController bindings;
    private final String binding;

    BindingGate(BindingsLifecycleController bindings, String binding) {
        this.bindings = bindings;
        this.binding = binding;
    }

    @Override
    public void pause() {
        bindings.changeState(binding, BindingsLifecycleController.State.PAUSED);
    }

    @Override
    public void resume() {
        bindings.changeState(binding, BindingsLifecycleController.State.RESUMED);
    }
}
