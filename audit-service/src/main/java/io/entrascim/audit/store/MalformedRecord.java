package io.entrascim.audit.store;

/**
 * A record that could not be read, as it arrived.
 *
 * @param id        deterministic id from its coordinates (a redelivery is stored once)
 * @param topic     topic it was read from
 * @param partition its partition
 * @param offset    its offset
 * @param key       raw key, may be null
 * @param value     raw value, may be null
 * @param reason    why it could not be read (names the field)
 * @param field     the offending field, may be null
 */
public record MalformedRecord(String id, String topic, int partition, long offset, byte[] key, byte[] value,
                              String reason, String field) {
}
