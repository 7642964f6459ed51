package io.entrascim.sink.scim;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** The JDK's {@link HttpClient} (HTTP/1.1, no redirects); kept as {@code sink.scim.http-client=jdk}. */
final class JdkHttpTransport implements HttpTransport {

    private final HttpClient http;
    private final Duration readTimeout;

    JdkHttpTransport(Duration connectTimeout, Duration readTimeout, SSLContext sslContext) {
        this.readTimeout = readTimeout;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.http = builder.build();
    }

    @Override
    public Exchange send(String method, URI uri, String authorization, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Authorization", authorization)
                .header("Accept", JdkScimClient.SCIM_JSON);
        if (body != null) {
            request.header("Content-Type", JdkScimClient.SCIM_JSON)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Exchange(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (HttpTimeoutException e) {
            throw new TimedOut(e);
        }
    }
}
