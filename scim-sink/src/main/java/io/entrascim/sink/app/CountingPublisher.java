package io.entrascim.sink.app;

import io.entrascim.sink.core.Publisher;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.concurrent.CompletableFuture;

/** Counts each acknowledged send as {@code pipeline.records{topic,direction="out"}}. */
final class CountingPublisher implements Publisher {

    private final Publisher delegate;
    private final RecordCounters counters;

    CountingPublisher(Publisher delegate, RecordCounters counters) {
        this.delegate = delegate;
        this.counters = counters;
    }

    @Override
    public Written send(ProducerRecord<byte[], byte[]> record) {
        Written w = delegate.send(record);
        counters.out(record.topic(), 1);
        return w;
    }

    @Override
    public CompletableFuture<Written> sendAsync(ProducerRecord<byte[], byte[]> record) {
        return delegate.sendAsync(record).thenApply(w -> {
            counters.out(record.topic(), 1);
            return w;
        });
    }
}
