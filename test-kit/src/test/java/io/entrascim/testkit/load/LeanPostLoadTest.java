package io.entrascim.testkit.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.entrascim.testkit.fastscim.FastScimTarget;
import org.junit.jupiter.api.Test;

/** The benchmarks' lean load generator counts only what the target really created. */
class LeanPostLoadTest {

    @Test
    void everyCountedCreateIsAUserAtTheTarget() throws Exception {
        try (FastScimTarget target = FastScimTarget.start(0)) {
            long now = System.nanoTime();
            LeanPostLoad.Counts counts = LeanPostLoad.run(target.baseUrl(), target.token(), 2, now, now + 500_000_000L);
            assertThat(counts.failed()).isZero();
            assertThat(counts.created()).isPositive().isEqualTo(target.userCount());
        }
    }

    @Test
    void aWrongTokenIsCountedAsFailedNotCreated() throws Exception {
        try (FastScimTarget target = FastScimTarget.start(0)) {
            long now = System.nanoTime();
            LeanPostLoad.Counts counts = LeanPostLoad.run(target.baseUrl(), "not-the-token", 1, now, now + 200_000_000L);
            assertThat(counts.created()).isZero();
            assertThat(counts.failed()).isPositive();
            assertThat(target.userCount()).isZero();
        }
    }

    @Test
    void readsResponsesBackToBackByTheirContentLength() throws IOException {
        InputStream in = stream("HTTP/1.1 201 Created\r\nContent-Length: 5\r\nContent-Type: application/scim+json\r\n\r\n{\"a\"}"
                + "HTTP/1.1 409 Conflict\r\ncontent-length: 2\r\n\r\n{}");
        assertThat(LeanPostConnection.readResponse(in)).isEqualTo(201);
        assertThat(LeanPostConnection.readResponse(in)).isEqualTo(409);
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void refusesFramingItCannotRead() {
        assertThatThrownBy(() -> LeanPostConnection.readResponse(stream("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")))
                .hasMessageContaining("Content-Length bodies only");
        assertThatThrownBy(() -> LeanPostConnection.readResponse(stream("HTTP/1.1 201 Created\r\nContent-Length: 10\r\n\r\n{}")))
                .hasMessageContaining("closed inside a response body");
        assertThatThrownBy(() -> LeanPostConnection.readResponse(stream("SSH-2.0-OpenSSH\r\n")))
                .hasMessageContaining("not an HTTP/1.1 status line");
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }
}
