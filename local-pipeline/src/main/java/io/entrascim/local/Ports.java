package io.entrascim.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The local stack's TCP ports: fixed defaults for people (the README's URLs), free ones for tests. */
record Ports(int source, int mapper, int sink, int audit, int tenant, int target, int postgres, int kafka,
             int kafkaController) {

    static Ports defaults() {
        return new Ports(8081, 8082, 8083, 8084, 8090, 8091, 15432, 19092, 19093);
    }

    /** Ports the operating system reports free right now (for tests that must not collide with a running stack). */
    static Ports free() {
        int[] p = distinctFreePorts(9);
        return new Ports(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]);
    }

    /** Every port of the stack, for choosing more that differ from them. */
    Set<Integer> all() {
        return Set.of(source, mapper, sink, audit, tenant, target, postgres, kafka, kafkaController);
    }

    /**
     * {@code n} ports free right now and different from one another. Each socket stays bound until the last port is
     * chosen: closed one by one, the operating system may hand the same port out twice in a row (it did: PostgreSQL
     * and the mapper-service were both given one port, and the mapper failed to start).
     */
    static int[] distinctFreePorts(int n) {
        List<ServerSocket> held = new ArrayList<>(n);
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // the port was only probed; a failed close leaves nothing to clean up
                }
            }
        }
    }

    /** A port free right now that is none of {@code taken} (ports chosen earlier whose owners may not be bound yet). */
    static int freePortOtherThan(Set<Integer> taken) {
        while (true) {
            int port = distinctFreePorts(1)[0];
            if (!taken.contains(port)) {
                return port;
            }
        }
    }
}
