package io.entrascim.audit.bench;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** Embedded PostgreSQL 17 for the benchmarks, with the same settings for every measurement in a run. */
final class BenchPostgres {

    private static EmbeddedPostgres instance;

    private BenchPostgres() {
    }

    static synchronized EmbeddedPostgres get() {
        if (instance == null) {
            try {
                instance = EmbeddedPostgres.builder()
                        .setServerConfig("shared_buffers", "512MB")
                        .setServerConfig("max_wal_size", "4GB")
                        .setServerConfig("maintenance_work_mem", "512MB")
                        .setServerConfig("work_mem", "16MB")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }
}
