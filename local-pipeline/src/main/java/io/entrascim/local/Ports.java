package io.entrascim.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** The local stack's TCP ports: fixed defaults for people (the README's URLs), free ones for tests. */
record Ports(int source, int mapper, int sink, int audit, int tenant, int target, int postgres, int kafka,
             int kafkaController) {

    static Ports defaults() {
        return new Ports(8081, 8082, 8083, 8084, 8090, 8091, 15432, 19092, 19093);
    }

    /** Ports the operating system reports free right now (for tests that must not collide with a running stack). */
    static Ports free() {
        return new Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
                freePort());
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
