package io.entrascim.testkit.load;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One blocking keep-alive HTTP/1.1 connection that POSTs SCIM resources as cheaply as it can, as wrk does: the
 * request written in one call, the response read by its status line and {@code Content-Length}. Not thread-safe: one
 * per load thread.
 */
public final class LeanPostConnection implements AutoCloseable {

    private final URI base;
    private final String token;
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    /** Connects to the target whose SCIM base URL (e.g. {@code http://127.0.0.1:8091/scim/v2}) is {@code baseUrl}. */
    public LeanPostConnection(String baseUrl, String token) throws IOException {
        this.base = URI.create(baseUrl);
        this.token = token;
        this.socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            socket.setSoTimeout(10_000);
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream(), 8192);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** POSTs {@code body} to {@code <base>/<resource>} (e.g. {@code Users}) and returns the response's status code. */
    public int post(String resource, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + base.getPath() + "/" + resource + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                + base.getPort() + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/scim+json\r\n"
                + "Content-Length: " + b.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[h.length + b.length];
        System.arraycopy(h, 0, request, 0, h.length);
        System.arraycopy(b, 0, request, h.length, b.length);
        out.write(request);
        return readResponse(in);
    }

    @Override
    public void close() throws IOException {
        socket.close();
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
