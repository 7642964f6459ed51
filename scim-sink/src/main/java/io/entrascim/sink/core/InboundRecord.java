package io.entrascim.sink.core;

/** A command as read from Kafka, before decoding. */
public record InboundRecord(String topic, int partition, long offset, byte[] key, byte[] value) {
}
