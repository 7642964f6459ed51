package io.entrascim.audit.ingest;

import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;

/** Sends records and returns only once the broker acknowledged all of them (so the input offset may be committed). */
public interface RecordPublisher {

    void sendAndWait(List<ProducerRecord<byte[], byte[]>> records);
}
