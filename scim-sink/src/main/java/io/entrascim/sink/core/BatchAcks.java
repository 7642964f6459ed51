package io.entrascim.sink.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The sends of one batch of commands still waiting for the broker, each tied to the position of the command
 * that caused it. Waiting once per batch instead of once per result keeps a batch's results in one or a few
 * produce requests (fewer requests for the broker, no round trip per command for the consumer thread).
 */
final class BatchAcks {

    private record Pending(int position, CompletableFuture<?> ack) {
    }

    private final List<Pending> pending = new ArrayList<>();
    private final long timeoutMillis;

    BatchAcks(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    void add(int position, CompletableFuture<?> ack) {
        pending.add(new Pending(position, ack));
    }

    /**
     * Waits for every send; throws {@link CommandBatchInterrupted} at the first command whose send was not
     * acknowledged, so that it and the commands after it are delivered again (never skipped).
     */
    void awaitAll() {
        if (pending.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(pending.stream().map(Pending::ack).toArray(CompletableFuture[]::new))
                    .get(timeoutMillis, TimeUnit.MILLISECONDS);
            pending.clear();
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandBatchInterrupted(firstPosition(), new PublishNotAcknowledgedException(
                    "interrupted while waiting for the acknowledgements of a batch of results", e));
        } catch (TimeoutException e) {
            throw new CommandBatchInterrupted(firstUnfinished(), new PublishNotAcknowledgedException(
                    "Kafka did not acknowledge " + pending.size() + " results within " + timeoutMillis + " ms", e));
        } catch (ExecutionException e) {
            // allOf completes exceptionally only once every send is done: each one's outcome is known.
        }
        for (Pending p : pending) {
            if (p.ack().isCompletedExceptionally()) {
                throw new CommandBatchInterrupted(p.position(), notAcknowledged(p.ack()));
            }
        }
        throw new IllegalStateException("a send failed but none of the batch's sends reports the failure");
    }

    private int firstPosition() {
        return pending.stream().mapToInt(Pending::position).min().orElse(0);
    }

    private int firstUnfinished() {
        return pending.stream().filter(p -> !p.ack().isDone() || p.ack().isCompletedExceptionally())
                .mapToInt(Pending::position).min().orElse(firstPosition());
    }

    private static RuntimeException notAcknowledged(CompletableFuture<?> ack) {
        try {
            ack.join();
            throw new IllegalStateException("expected a failed send");
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return cause instanceof PublishNotAcknowledgedException p ? p
                    : new PublishNotAcknowledgedException("a result was not acknowledged: " + cause.getMessage(), cause);
        }
    }
}
