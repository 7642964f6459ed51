package io.entrascim.audit.ingest;

/** A record as polled from Kafka, before it is read: coordinates and raw bytes. */
public record InboundRecord(String topic, int partition, long offset, byte[] key, byte[] value) {
}
