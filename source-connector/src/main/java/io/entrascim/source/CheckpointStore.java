package io.entrascim.source;

/** Durable home of the {@link Checkpoint}; {@link #save} returns only once it is durable. */
interface CheckpointStore {

    /** The last saved checkpoint, or null when there is none. */
    Checkpoint load();

    void save(Checkpoint checkpoint);

    /** The operator's last pause/resume; false when never paused. */
    boolean loadPaused();

    /** Persists a pause/resume; returns once durable. */
    void savePaused(boolean paused);

    /** Starts saving; the future completes when the checkpoint is durable. Saves complete in call order. */
    default java.util.concurrent.CompletableFuture<?> saveAsync(Checkpoint checkpoint) {
        save(checkpoint);
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }
}
