package io.entrascim.contracts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One record of a poll that the binder delivered as a single message (batch mode), where each per-record header
 * (topic, partition, offset, key) is a list with one element per record. A missing or odd header value gives
 * the defaults (the consumer's topic, partition -1, offset -1, no key) instead of failing the whole batch.
 */
public record BatchedRecord(String topic, int partition, long offset, byte[] key, byte[] value) {

    /**
     * @param topics     the value of the binder's received-topic header (a list), or null
     * @param partitions the received-partition header, or null
     * @param offsets    the offset header, or null
     * @param keys       the received-key header, or null
     */
    public static List<BatchedRecord> of(List<byte[]> values, Object topics, Object partitions, Object offsets, Object keys,
                                         String defaultTopic) {
        List<BatchedRecord> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            out.add(new BatchedRecord(at(topics, i) instanceof String t ? t : defaultTopic,
                    at(partitions, i) instanceof Number p ? p.intValue() : -1,
                    at(offsets, i) instanceof Number o ? o.longValue() : -1,
                    key(at(keys, i)), values.get(i)));
        }
        return out;
    }

    private static Object at(Object header, int i) {
        return header instanceof List<?> list && i < list.size() ? list.get(i) : null;
    }

    private static byte[] key(Object header) {
        if (header instanceof byte[] b) {
            return b;
        }
        return header == null ? null : header.toString().getBytes(StandardCharsets.UTF_8);
    }
}
