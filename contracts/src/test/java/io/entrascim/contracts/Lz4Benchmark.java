package io.entrascim.contracts;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.junit.jupiter.api.Test;

/**
 * CPU per byte of lz4-java's Java code and of its native code, compressing and decompressing a batch of sixteen
 * result-sized JSON records as Kafka's lz4 does, on C1 only (what the local pipeline's services run with): the cost
 * {@link NativeLz4} removes. Not part of the default run:
 * {@code mvn -B -o -pl contracts verify -Dtest=Lz4Benchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class Lz4Benchmark {

    private static final int ROUNDS = 4_000;

    @Test
    void measure() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Lz4Benchmark.class.getName()).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.print(out);
        if (child.waitFor() != 0) {
            throw new IllegalStateException("benchmark JVM failed:\n" + out);
        }
    }

    public static void main(String[] args) {
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            records.append(resultLike(i));
        }
        byte[] batch = records.toString().getBytes(StandardCharsets.UTF_8);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String kind : new String[] {"java", "native", "java", "native"}) {
            LZ4Factory lz4 = kind.equals("java") ? LZ4Factory.fastestJavaInstance() : LZ4Factory.nativeInstance();
            LZ4Compressor compressor = lz4.fastCompressor();
            LZ4SafeDecompressor decompressor = lz4.safeDecompressor();
            byte[] compressed = new byte[compressor.maxCompressedLength(batch.length)];
            byte[] back = new byte[batch.length];
            long start = threads.getCurrentThreadCpuTime();
            int length = 0;
            for (int i = 0; i < ROUNDS; i++) {
                length = compressor.compress(batch, 0, batch.length, compressed, 0, compressed.length);
            }
            long compressedAt = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < ROUNDS; i++) {
                decompressor.decompress(compressed, 0, length, back, 0, batch.length);
            }
            long done = threads.getCurrentThreadCpuTime();
            double gb = (double) batch.length * ROUNDS / 1e9;
            System.out.printf("%-6s %-22s ratio %.2f  compress %.2f CPU s/GB  decompress %.2f CPU s/GB%n", kind, lz4,
                    (double) batch.length / length, (compressedAt - start) / 1e9 / gb, (done - compressedAt) / 1e9 / gb);
        }
    }

    /** A CREATE result's shape: ids, five steps with descriptions and details, two modified properties (~2 KB). */
    private static String resultLike(int i) {
        String user = "user" + (i * 7919 % 100_000) + "@demo.entrascim.io";
        return ("{\"schemaVersion\":1,\"id\":\"%s\",\"changeId\":\"%s\",\"cycleId\":\"%s\",\"jobId\":\"scim.tanium-sso\","
                + "\"activityDateTime\":\"2026-12-04T22:19:54.%09dZ\",\"durationInMilliseconds\":2,\"action\":\"CREATE\","
                + "\"status\":\"SUCCESS\",\"reportedBy\":\"SCIM_SINK\",\"origin\":\"INITIAL\",\"sourceIdentity\":{\"id\":\"%s\","
                + "\"displayName\":\"%s\",\"identityType\":\"User\"},\"targetIdentity\":{\"id\":\"%s\",\"displayName\":\"%s\","
                + "\"identityType\":\"User\"},\"steps\":[{\"name\":\"EntryImport\",\"type\":\"IMPORT\",\"status\":\"SUCCESS\","
                + "\"description\":\"Received UPSERT of USER %s (INITIAL, cycle %s)\",\"details\":{}},"
                + "{\"name\":\"EntrySynchronizationScoping\",\"type\":\"SCOPING\",\"status\":\"SUCCESS\",\"description\":"
                + "\"In scope: scope is sync all: assignment not required\",\"details\":{\"scopeSyncAll\":\"true\","
                + "\"assignedToApplication\":\"not required (sync all)\",\"accountEnabled\":\"true\",\"softDeletedInSource\":"
                + "\"false\",\"scopingFilterPassed\":\"true\",\"activeInSource\":\"true\",\"IsSoftDeleted\":\"False\"}},"
                + "{\"name\":\"EntrySynchronizationMapping\",\"type\":\"PROCESSING\",\"status\":\"SUCCESS\",\"description\":"
                + "\"Mapped 4 attribute(s); matching on [userName]\",\"details\":{\"externalId\":\"user%d\",\"active\":\"true\","
                + "\"userName\":\"%s\",\"displayName\":\"Demo User %d\"}},{\"name\":\"EntrySynchronizationUpsert\",\"type\":"
                + "\"PROCESSING\",\"status\":\"SUCCESS\",\"description\":\"Upsert: create the object if no match exists, else "
                + "update the differing attributes\",\"details\":{\"commandCount\":\"1\",\"commandIndex\":\"1\"}},"
                + "{\"name\":\"EntryExportAdd\",\"type\":\"EXPORT\",\"status\":\"SUCCESS\",\"description\":\"Created user %s in "
                + "the target\",\"details\":{\"request\":\"POST /Users\",\"httpStatus\":\"201\",\"durationMs\":\"2\"}}],"
                + "\"modifiedProperties\":[{\"displayName\":\"userName\",\"oldValue\":null,\"newValue\":\"%s\"},"
                + "{\"displayName\":\"displayName\",\"oldValue\":null,\"newValue\":\"Demo User %d\"}],\"error\":null,"
                + "\"replayOf\":null}").formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), i * 104_729,
                UUID.randomUUID(), user, UUID.randomUUID(), user, UUID.randomUUID(), UUID.randomUUID(), i, user, i,
                UUID.randomUUID(), user, i);
    }
}
