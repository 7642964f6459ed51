package io.entrascim.mapper.messaging;

/** One consumed entra.changes.v1 record as the binder handed it over: raw bytes plus its coordinates. */
record InputRecord(String topic, int partition, long offset, byte[] key, byte[] value) {
}
