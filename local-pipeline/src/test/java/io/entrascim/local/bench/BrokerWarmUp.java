package io.entrascim.local.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Runs traffic shaped like the pipeline's through a freshly started broker, on a topic of its own, until the broker's
 * JIT compilers fall quiet. A deployed broker is a long-running shared server whose request path was compiled long
 * before any provisioning cycle; the benchmark starts one seconds before the cycle, and its C2 compilation of that path
 * (measured at ~9 CPU s inside the cycle, a sixteenth of the CPU the cycle takes) is a cost of the benchmark's own
 * set-up.
 * The warm-up's figures are reported, and {@code --cold-broker} skips it to show the difference.
 */
final class BrokerWarmUp {

    private static final String TOPIC = "bench.broker-warm-up";
    /** What scim-sink's result producer uses by default (lz4 was measured and not kept: local-pipeline README). */
    private static final String RESULTS_COMPRESSION = "none";

    private final String bootstrap;
    private final long brokerPid;
    private final int partitions;

    BrokerWarmUp(String bootstrap, long brokerPid, int partitions) {
        this.bootstrap = bootstrap;
        this.brokerPid = brokerPid;
        this.partitions = partitions;
    }

    /**
     * Produces and consumes for {@code load}, then waits (at most {@code settle}) until the broker's compiler threads
     * use under 2 % of a core; returns what it did and what it cost the broker.
     */
    Map<String, Object> run(Duration load, Duration settle) throws Exception {
        double cpuBefore = ProcFigures.cpuSeconds(brokerPid);
        long started = System.nanoTime();
        try (JitCpuMeter jit = new JitCpuMeter(Map.of("broker", brokerPid))) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get();
            }
            AtomicLong produced = new AtomicLong();
            AtomicLong consumed = new AtomicLong();
            traffic(load, produced, consumed);
            long loaded = System.nanoTime();
            awaitCompilerQuiet(jit, "broker", loaded + settle.toNanos());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("topic", TOPIC);
            r.put("recordsProduced", produced.get());
            r.put("recordsConsumed", consumed.get());
            r.put("loadSeconds", load.toSeconds());
            r.put("settleSeconds", Math.round((System.nanoTime() - loaded) / 1e7) / 100.0);
            r.put("brokerCpuSeconds", Math.round((ProcFigures.cpuSeconds(brokerPid) - cpuBefore) * 100) / 100.0);
            r.put("brokerCompilerCpuSeconds", jit.secondsSoFar().get("broker"));
            r.put("wallSeconds", Math.round((System.nanoTime() - started) / 1e7) / 100.0);
            return r;
        }
    }

    private void traffic(Duration load, AtomicLong produced, AtomicLong consumed) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        // the shapes of the pipeline's traffic: small lz4 batches lingering 5 ms (changes, commands) and large
        // records sent at once (results), read by a group that commits after every poll
        threads.add(producer("lz4", 5, 400, stop, produced));
        threads.add(producer(RESULTS_COMPRESSION, 0, 2_500, stop, produced));
        threads.add(producer(RESULTS_COMPRESSION, 0, 2_500, stop, produced));
        for (int i = 0; i < 3; i++) {
            threads.add(consumer(stop, consumed));
        }
        threads.forEach(Thread::start);
        Thread.sleep(load.toMillis());
        stop.set(true);
        for (Thread t : threads) {
            t.join(30_000);
        }
    }

    /** Until {@code jvm}'s compiler threads used under 0.04 CPU s in 2 s (2 % of a core), or the deadline. */
    static void awaitCompilerQuiet(JitCpuMeter jit, String jvm, long deadline) throws InterruptedException {
        double compiled = jit.secondsSoFar().get(jvm);
        while (System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            double now = jit.secondsSoFar().get(jvm);
            if (now - compiled < 0.04) {
                return;
            }
            compiled = now;
        }
    }

    private Thread producer(String compression, int lingerMs, int valueBytes, AtomicBoolean stop, AtomicLong produced) {
        return new Thread(() -> {
            Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, compression, ProducerConfig.LINGER_MS_CONFIG, lingerMs,
                    ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            byte[] value = jsonLike(valueBytes);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
                while (!stop.get()) {
                    byte[] key = Long.toHexString(ThreadLocalRandom.current().nextLong()).getBytes();
                    // a bounded number in flight, as the sink has: each result is awaited at the end of its batch
                    var sent = new ArrayList<java.util.concurrent.Future<?>>();
                    for (int i = 0; i < 50; i++) {
                        sent.add(producer.send(new ProducerRecord<>(TOPIC, key, value)));
                    }
                    for (var f : sent) {
                        f.get();
                    }
                    produced.addAndGet(sent.size());
                }
            } catch (Exception e) {
                throw new IllegalStateException("broker warm-up producer failed", e);
            }
        }, "broker-warm-up-producer");
    }

    private Thread consumer(AtomicBoolean stop, AtomicLong consumed) {
        return new Thread(() -> {
            Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "bench-broker-warm-up", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
                consumer.subscribe(List.of(TOPIC));
                while (!stop.get()) {
                    var batch = consumer.poll(Duration.ofMillis(100));
                    if (!batch.isEmpty()) {
                        consumed.addAndGet(batch.count());
                        consumer.commitSync();
                    }
                }
            }
        }, "broker-warm-up-consumer");
    }

    private static byte[] jsonLike(int bytes) {
        StringBuilder b = new StringBuilder("{\"schemaVersion\":1,\"steps\":[");
        for (int i = 0; b.length() < bytes - 40; i++) {
            b.append("{\"name\":\"step").append(i).append("\",\"description\":\"warm-up record of the benchmark\"},");
        }
        return b.append("{}]}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
