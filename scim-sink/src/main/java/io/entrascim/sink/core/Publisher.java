package io.entrascim.sink.core;

import org.apache.kafka.clients.producer.ProducerRecord;

/** Sends a record and returns only once the broker acknowledged it (at-least-once before the input is committed). */
public interface Publisher {

    /** @return the partition and offset written, as "partition@offset" */
    Written send(ProducerRecord<byte[], byte[]> record);

    record Written(int partition, long offset) {
    }
}
