package io.entrascim.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One launcher per data directory. A second one (another {@code bin/run-local}, a benchmark, a fault case) would
 * start fresh by wiping the first one's PostgreSQL and broker files while they are in use, and only then fail on the
 * ports the first one holds. The operating system drops the lock with the process, so a launcher killed with -9
 * leaves nothing to clean up.
 */
final class DataDirLock implements AutoCloseable {

    static final String FILE = ".launcher.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock acquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        FileChannel channel = FileChannel.open(dataDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this same JVM
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("another launcher (bin/run-local, a benchmark or a fault case) is using " + dataDir
                    + ": stop it first, or give this one another --data-dir");
        }
        return new DataDirLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
