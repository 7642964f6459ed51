package io.entrascim.local.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * A load generator that spends as little of the shared CPU as it can per request, as wrk does (the tool the
 * reference ceilings of {@code limits.md} were measured with): one blocking keep-alive socket per thread, the
 * request written in one call, the response read by its status line and {@code Content-Length}. Through the JDK's
 * HttpClient the same fast target measured 2,300-7,800 POST/s on two shared cores (the least when the client was
 * still cold), through this 9,500-16,000 (wrk measured 13,300-16,300 for a similar server, {@code limits.md}): the
 * JDK client's own CPU took the target's share, and a pipeline compared with that lower figure looked two to four
 * times as good as it is.
 */
final class LeanPostLoad {

    /** Requests answered 201 and the rest, counted only from {@code measureFrom} on. */
    record Counts(long created, long failed) {
    }

    private LeanPostLoad() {
    }

    /**
     * POST /Users with unique userNames over {@code connections} sockets until {@code end} (System.nanoTime());
     * requests that finish before {@code measureFrom} are the warm-up and are not counted.
     */
    static Counts run(String baseUrl, String token, int connections, long measureFrom, long end) throws InterruptedException {
        URI base = URI.create(baseUrl);
        String path = base.getPath() + "/Users";
        AtomicLong created = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        onThreads(connections, "lean-load-", thread -> {
            long i = 0;
            while (System.nanoTime() < end) {
                try (Socket socket = new Socket()) {
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
                    socket.setSoTimeout(10_000);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
                    while (System.nanoTime() < end) {
                        String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"lean-" + thread
                                + "-" + (i++) + "@load.example\",\"displayName\":\"Raw Load\",\"active\":true}";
                        byte[] b = body.getBytes(StandardCharsets.UTF_8);
                        String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                                + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/scim+json\r\n"
                                + "Content-Length: " + b.length + "\r\n\r\n";
                        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
                        byte[] request = new byte[h.length + b.length];
                        System.arraycopy(h, 0, request, 0, h.length);
                        System.arraycopy(b, 0, request, h.length, b.length);
                        out.write(request);
                        int status = readResponse(in);
                        if (System.nanoTime() >= measureFrom) {
                            (status == 201 ? created : failed).incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    // a broken connection counts once and is reopened, as wrk does
                    if (System.nanoTime() >= measureFrom) {
                        failed.incrementAndGet();
                    }
                }
            }
        });
        return new Counts(created.get(), failed.get());
    }

    /** Runs {@code body} on {@code n} new threads (given 0..n-1) and waits for all of them. */
    static void onThreads(int n, String name, IntConsumer body) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int thread = t;
            Thread th = new Thread(() -> body.accept(thread), name + t);
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
    }

    /** Reads one response (status line, headers, a Content-Length body) and returns its status code. */
    static int readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            String name = colon < 0 ? header : header.substring(0, colon).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(header.substring(colon + 1).trim());
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                throw new IOException("the lean load reads Content-Length bodies only, got " + header);
            }
        }
        while (length > 0) {
            long skipped = in.skip(length);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("connection closed inside a response body");
                }
                skipped = 1;
            }
            length -= skipped;
        }
        return status;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed inside a response head");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
