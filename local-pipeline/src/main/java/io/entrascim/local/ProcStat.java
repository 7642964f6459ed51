package io.entrascim.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads process figures from Linux {@code /proc}; the launcher reports them, nothing depends on them. */
final class ProcStat {

    private ProcStat() {
    }

    static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
