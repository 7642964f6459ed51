package io.entrascim.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondLauncherInTheSameJvmIsRefusedUntilTheFirstStops() throws Exception {
        DataDirLock first = DataDirLock.acquire(dir);
        assertThatThrownBy(() -> DataDirLock.acquire(dir))
                .hasMessageContaining("another launcher").hasMessageContaining(dir.toString()).hasMessageContaining("--data-dir");
        first.close();
        DataDirLock.acquire(dir).close();
    }

    @Test
    void aLauncherInAnotherProcessHoldsTheDirectoryUntilItDiesEvenByKill9() throws Exception {
        Process holder = new ProcessBuilder(ServiceProcess.javaExecutable(), "-cp", System.getProperty("java.class.path"),
                Holder.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");
            assertThatThrownBy(() -> DataDirLock.acquire(dir)).hasMessageContaining("another launcher");
        } finally {
            holder.destroyForcibly();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        DataDirLock.acquire(dir).close();
    }

    /** Another launcher: takes the lock, says so, and holds it until killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            DataDirLock lock = DataDirLock.acquire(Path.of(args[0]));
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
            lock.close();
        }
    }
}
