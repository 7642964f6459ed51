package io.entrascim.contracts;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;

/**
 * The largest record a producer accepts, measured the way {@code KafkaProducer} measures it before a send
 * (the uncompressed upper bound of a one-record batch), so a record that passes here is not refused by the producer.
 * The broker's own limit ({@code message.max.bytes}, the topic's {@code max.message.bytes}) is not visible to a
 * producer: the caller still handles a broker rejection after the fact (mapper-service, source-connector).
 */
public final class RecordSizeLimit {
    /** Header on a dead letter whose value had to be cut: {@code "<kept> of <original> bytes"}. */
    public static final String TRUNCATED_HEADER = "dlt-value-truncated";
    /** Kafka's defaults for {@code max.request.size} and {@code buffer.memory}. */
    public static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;
    private static final long DEFAULT_BUFFER_MEMORY = 33_554_432L;

    private final int maxBytes;

    public RecordSizeLimit(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The producer refuses records over {@code max.request.size} and over {@code buffer.memory}: the smaller wins. */
    public static RecordSizeLimit of(Map<String, Object> producerConfig) {
        long maxRequest = number(producerConfig.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), DEFAULT_MAX_REQUEST_SIZE);
        long buffer = number(producerConfig.get(ProducerConfig.BUFFER_MEMORY_CONFIG), DEFAULT_BUFFER_MEMORY);
        return new RecordSizeLimit((int) Math.min(Integer.MAX_VALUE, Math.min(maxRequest, buffer)));
    }

    public int maxBytes() {
        return maxBytes;
    }

    public int sizeOf(ProducerRecord<byte[], byte[]> r) {
        // Record format v2 ignores the compression type in this estimate, as the producer does.
        return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
                r.key(), r.value(), r.headers().toArray());
    }

    public boolean fits(ProducerRecord<byte[], byte[]> r) {
        return sizeOf(r) <= maxBytes;
    }

    /**
     * The longest prefix of the record's value that fits, with {@link #TRUNCATED_HEADER}; the record itself when it
     * fits. A prefix, not an edited event: a cut value can never be replayed by mistake into a wrong target state
     * (it no longer parses); the headers of a dead letter say where the complete record is, and the source still has
     * the object.
     */
    public ProducerRecord<byte[], byte[]> truncateValueToFit(ProducerRecord<byte[], byte[]> r) {
        if (fits(r)) {
            return r;
        }
        byte[] value = r.value() == null ? new byte[0] : r.value();
        ProducerRecord<byte[], byte[]> candidate = withValue(r, new byte[0], 0, value.length);
        // Size varints grow with the value: leave room for them, then shrink until it fits.
        int keep = Math.max(0, maxBytes - sizeOf(candidate) - 16);
        while (true) {
            candidate = withValue(r, Arrays.copyOf(value, keep), keep, value.length);
            if (fits(candidate) || keep == 0) {
                return candidate;
            }
            keep = Math.max(0, keep - 64);
        }
    }

    /** The record with only the first {@code keep} bytes of its value, and {@link #TRUNCATED_HEADER} saying so. */
    public static ProducerRecord<byte[], byte[]> withValuePrefix(ProducerRecord<byte[], byte[]> r, int keep) {
        byte[] value = r.value() == null ? new byte[0] : r.value();
        int kept = Math.min(keep, value.length);
        return withValue(r, Arrays.copyOf(value, kept), kept, value.length);
    }

    private static ProducerRecord<byte[], byte[]> withValue(ProducerRecord<byte[], byte[]> r, byte[] value, int kept, int original) {
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(r.topic(), r.partition(), r.timestamp(), r.key(), value);
        for (Header h : r.headers()) {
            if (!h.key().equals(TRUNCATED_HEADER)) {
                out.headers().add(h);
            }
        }
        out.headers().add(TRUNCATED_HEADER, (kept + " of " + original + " bytes").getBytes(StandardCharsets.UTF_8));
        return out;
    }

    private static long number(Object v, long dflt) {
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        return Long.parseLong(v.toString().trim());
    }
}
