package io.entrascim.mapper.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import io.entrascim.contracts.AppRoleAssignmentFact;
import io.entrascim.contracts.AssignmentFacts;
import io.entrascim.contracts.ChangeEvent;
import io.entrascim.contracts.ChangeKind;
import io.entrascim.contracts.CycleOrigin;
import io.entrascim.contracts.ObjectType;
import io.entrascim.contracts.RecordCodec;
import io.entrascim.contracts.Topics;
import io.entrascim.mapper.MapperServiceApplication;

/**
 * Throughput of the real {@code mapChanges} binding against an embedded KRaft broker (6 partitions), with the
 * service's own application.yml. Per round, N user events are loaded onto entra.changes.v1 while the binding is
 * stopped; then the binding is started and the clock runs until the group {@code mapper-service} has committed every
 * offset (so every output was acknowledged). Reports records/s and CPU per 1,000 records of the mapper's threads
 * (binder consumer threads + its producer I/O thread), plus the whole JVM (which also runs the broker).
 * Not in the default run:
 * {@code mvn -B -q -o -pl mapper-service test -Dtest=MapperThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.records=20000 -Dbench.rounds=4}); results in target/mapper-throughput.txt.
 */
@SpringBootTest(classes = MapperServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "spring.cloud.stream.bindings.mapChanges-in-0.consumer.auto-startup=false",
                "spring.kafka.consumer.auto-offset-reset=earliest",
                "spring.cloud.stream.kafka.bindings.mapChanges-in-0.consumer.start-offset=earliest",
                "logging.level.org.apache.kafka=WARN"
        })
@EmbeddedKafka(partitions = 6, topics = {Topics.CHANGES, "entra.changes.v1.dlt", Topics.COMMANDS, Topics.RESULTS})
class MapperThroughputBenchmark {
    private static final String BINDING = "mapChanges-in-0";

    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    BindingsLifecycleController bindings;

    @Test
    void measure() throws Exception {
        int records = Integer.getInteger("bench.records", 20_000);
        int rounds = Integer.getInteger("bench.rounds", 4);
        Map<String, Object> pp = KafkaTestUtils.producerProps(broker);
        pp.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        pp.put(ProducerConfig.BATCH_SIZE_CONFIG, 262144);
        KafkaTemplate<byte[], byte[]> loader = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(pp,
                new ByteArraySerializer(), new ByteArraySerializer()));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<String> lines = new ArrayList<>();
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            for (int round = 1; round <= rounds; round++) {
                List<CompletableFuture<?>> sent = new ArrayList<>(records);
                for (int i = 0; i < records; i++) {
                    String id = "u-" + round + "-" + i;
                    sent.add(loader.send(new ProducerRecord<>(Topics.CHANGES, id.getBytes(StandardCharsets.UTF_8),
                            RecordCodec.write(event(id)))));
                }
                CompletableFuture.allOf(sent.toArray(new CompletableFuture[0])).join();
                long lag = lag(admin);
                if (lag != (long) records * round && round == 1 || lag < records) {
                    throw new AssertionError("the binding consumed while stopped: lag " + lag + " before the start");
                }
                Map<Long, Long> cpuBefore = threadCpu(threads);
                long processBefore = os.getProcessCpuTime();
                String loadBefore = loadAverage();
                long start = System.nanoTime();
                bindings.changeState(BINDING, BindingsLifecycleController.State.STARTED);
                Map<Long, Long> mapperSeen = new HashMap<>();
                Map<Long, String> mapperNames = new HashMap<>();
                awaitCommitted(admin, () -> sampleMapperThreads(threads, mapperSeen, mapperNames));
                sampleMapperThreads(threads, mapperSeen, mapperNames);
                double seconds = (System.nanoTime() - start) / 1e9;
                double processCpu = (os.getProcessCpuTime() - processBefore) / 1e9;
                bindings.changeState(BINDING, BindingsLifecycleController.State.STOPPED);
                // Sampled while the batch runs: the binder's consumer threads were not reliably visible afterwards.
                double mapperCpu = 0;
                Map<String, Double> busiest = new HashMap<>();
                for (Map.Entry<Long, Long> e : mapperSeen.entrySet()) {
                    double delta = (e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L)) / 1e9;
                    mapperCpu += delta;
                    busiest.merge(mapperNames.get(e.getKey()), delta, Double::sum);
                }
                System.out.println("mapper threads: " + busiest.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                        .limit(6).map(e -> String.format("%s=%.2fs", e.getKey(), e.getValue())).collect(Collectors.joining(", ")));
                String line = String.format("round %d: %,d records in %.2f s = %,.0f records/s; mapper threads %.3f CPU-s"
                                + " (%.1f ms per 1,000 records); whole JVM incl. broker %.2f CPU-s (%.1f ms per 1,000); load %s -> %s",
                        round, records, seconds, records / seconds, mapperCpu, mapperCpu * 1e6 / records, processCpu,
                        processCpu * 1e6 / records, loadBefore, loadAverage());
                System.out.println("=== " + line);
                lines.add(line);
            }
        }
        String check = commandsCheck(records * rounds);
        System.out.println("=== " + check);
        lines.add(check);
        Files.write(Path.of("target", "mapper-throughput.txt"), lines);
    }

    /**
     * Every input object has its command on scim.commands.v1; more commands than objects means batches were
     * redelivered (e.g. run with {@code -Dmapper.send-timeout=20ms} to force ack timeouts).
     */
    private String commandsCheck(int expected) {
        Map<String, Object> cp = KafkaTestUtils.consumerProps(broker, "bench-check-" + System.nanoTime(), false);
        cp.put(org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        java.util.Set<String> keys = new java.util.HashSet<>();
        long total = 0;
        try (org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> c = new org.springframework.kafka.core.DefaultKafkaConsumerFactory<>(
                cp, new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer()).createConsumer()) {
            c.subscribe(List.of(Topics.COMMANDS));
            Instant deadline = Instant.now().plusSeconds(120);
            while (keys.size() < expected && Instant.now().isBefore(deadline)) {
                for (var r : c.poll(java.time.Duration.ofMillis(500))) {
                    keys.add(new String(r.key(), StandardCharsets.UTF_8));
                    total++;
                }
            }
            for (int i = 0; i < 4; i++) { // pick up any duplicates still behind
                total += c.poll(java.time.Duration.ofMillis(500)).count();
            }
        }
        if (keys.size() != expected) {
            throw new AssertionError("expected a command for each of " + expected + " objects, found " + keys.size());
        }
        return String.format("commands: %,d objects all present, %,d commands (%,d redelivered duplicates)", keys.size(), total,
                total - keys.size());
    }

    /** Consumer container threads of the binding and the KafkaTemplate's I/O thread (client id mapper-service). */
    private static boolean isMapperThread(String name) {
        return name.contains("-C-") || name.contains("kafka-producer-network-thread | mapper-service");
    }

    private static long lag(AdminClient admin) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            partitions.add(new TopicPartition(Topics.CHANGES, p));
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("mapper-service")
                .partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (var e : admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get().entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += e.getValue().offset() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    private static void sampleMapperThreads(ThreadMXBean threads, Map<Long, Long> seen, Map<Long, String> names) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (isMapperThread(t.getName())) {
                long cpu = threads.getThreadCpuTime(t.getId());
                if (cpu >= 0) {
                    seen.merge(t.getId(), cpu, Math::max);
                    names.put(t.getId(), t.getName().replaceAll("^KafkaConsumerDestination\\{.*\\}\\.", ""));
                }
            }
        }
    }

    private void awaitCommitted(AdminClient admin, Runnable whileWaiting) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            partitions.add(new TopicPartition(Topics.CHANGES, p));
        }
        Map<TopicPartition, Long> end = admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                .all().get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        Instant deadline = Instant.now().plusSeconds(600);
        while (Instant.now().isBefore(deadline)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("mapper-service")
                    .partitionsToOffsetAndMetadata().get();
            boolean done = end.entrySet().stream().allMatch(e -> {
                OffsetAndMetadata c = committed.get(e.getKey());
                return e.getValue() == 0 || (c != null && c.offset() >= e.getValue());
            });
            if (done) {
                return;
            }
            whileWaiting.run();
            Thread.sleep(20);
        }
        throw new AssertionError("the mapper did not commit every offset within 10 minutes");
    }

    private static Map<Long, Long> threadCpu(ThreadMXBean threads) {
        Map<Long, Long> cpu = new HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            long t = threads.getThreadCpuTime(thread.getId());
            if (t >= 0) {
                cpu.put(thread.getId(), t);
            }
        }
        return cpu;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    private static ChangeEvent event(String id) {
        return new ChangeEvent(ChangeEvent.VERSION, "ev-" + id, "cycle-bench", CycleOrigin.INITIAL, Instant.now(), ObjectType.USER,
                id, ChangeKind.UPSERT, Map.of("userPrincipalName", id + "@contoso.com", "displayName", "User " + id,
                "mailNickname", id, "accountEnabled", true, "givenName", "Given", "surname", "Surname " + id,
                "jobTitle", "Engineer", "department", "Sales"),
                AssignmentFacts.assigned(List.of(new AppRoleAssignmentFact("as-" + id, "00000000-0000-0000-0000-000000000000",
                        null, null, id, "User"))), List.of());
    }
}
