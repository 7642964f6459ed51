package io.entrascim.contracts;

import net.jpountz.lz4.LZ4Factory;
import org.slf4j.LoggerFactory;

/**
 * Makes Kafka's lz4 (the changes and commands topics are lz4) run in lz4-java's native code inside a Spring Boot jar.
 * Kafka takes {@code LZ4Factory.fastestInstance()}, which returns the native instance only when lz4-java was loaded by
 * the system class loader or its native library is already loaded; in a Boot jar neither holds, so every service
 * compressed and decompressed its records in lz4-java's pure-Java code, which the local stack runs on C1 only: 2.1-3.6
 * CPU s per GB compressed and 1.1-1.2 per GB decompressed there, against 0.30 and 0.06 natively ({@code Lz4Benchmark}
 * in this module's tests). Loading the native instance once, before the first Kafka client, turns every later
 * {@code fastestInstance()} native. Where the library cannot load (an unusual platform), the Java code stays.
 */
public final class NativeLz4 {

    private NativeLz4() {
    }

    /** Loads lz4-java's native library; returns whether Kafka's lz4 now runs natively. Call first in {@code main}. */
    public static boolean load() {
        try {
            LZ4Factory.nativeInstance();
        } catch (Throwable notAvailable) {
            // a platform without a bundled library, or a library the OS refuses: Java code, slower, correct
            // (the logger only here: before SpringApplication.run, a logger would set up logging ahead of Boot)
            LoggerFactory.getLogger(NativeLz4.class).info(
                    "lz4: native library not available ({}); Kafka compression runs in lz4-java's Java code",
                    notAvailable.toString());
            return false;
        }
        return LZ4Factory.fastestInstance() == LZ4Factory.nativeInstance();
    }
}
