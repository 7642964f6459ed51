package io.entrascim.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;

import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class NativeLz4Test {

    /**
     * In a Spring Boot jar lz4-java is not loaded by the system class loader; an isolated class loader stands for the
     * Boot jar's, with this module's classes and lz4-java in it.
     */
    @Test
    void kafkasFastestLz4IsTheNativeOneOnceLoadedOutsideTheSystemClassLoader() throws Exception {
        URL[] jars = {location(NativeLz4.class), location(LZ4Factory.class), location(LoggerFactory.class)};
        try (URLClassLoader bootJar = new URLClassLoader(jars, ClassLoader.getPlatformClassLoader())) {
            Class<?> factory = bootJar.loadClass(LZ4Factory.class.getName());
            assertThat(factory.getClassLoader()).isSameAs(bootJar);
            assertThat(fastest(factory)).as("without the native library loaded, Kafka gets lz4-java's Java code")
                    .doesNotContain("JNI");

            Object loaded = bootJar.loadClass(NativeLz4.class.getName()).getMethod("load").invoke(null);

            assertThat(loaded).isEqualTo(true);
            assertThat(fastest(factory)).contains("JNI");
        }
    }

    @Test
    void aRoundTripThroughTheNativeInstanceGivesTheBytesBack() {
        assertThat(NativeLz4.load()).isTrue();
        byte[] data = "{\"schemaVersion\":1,\"steps\":[]}".repeat(200).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        LZ4Factory lz4 = LZ4Factory.fastestInstance();
        byte[] compressed = lz4.fastCompressor().compress(data);
        assertThat(compressed.length).isLessThan(data.length / 10);
        assertThat(lz4.safeDecompressor().decompress(compressed, data.length)).isEqualTo(data);
    }

    private static String fastest(Class<?> factory) throws Exception {
        return factory.getMethod("fastestInstance").invoke(null).toString();
    }

    private static URL location(Class<?> c) {
        return c.getProtectionDomain().getCodeSource().getLocation();
    }
}
