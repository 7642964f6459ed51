package io.entrascim.sink.scim;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.IdleConnectionEvictor;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;

/**
 * Apache HttpClient 5 classic (blocking) transport: the caller's thread writes the request and reads
 * the answer on a pooled keep-alive connection, with no hand-over to selector or executor threads.
 * That is what makes it cheaper per request than the JDK client here (see the README's benchmark).
 */
final class ApacheHttpTransport implements HttpTransport {

    private static final ContentType SCIM = ContentType.create(JdkScimClient.SCIM_JSON);
    private static final int MAX_CONNECTIONS = 256;

    private final CloseableHttpClient http;
    private final RequestConfig requestConfig;

    ApacheHttpTransport(Duration connectTimeout, Duration readTimeout, SSLContext sslContext) {
        PoolingHttpClientConnectionManagerBuilder connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true)
                        .setSoTimeout(Timeout.of(readTimeout)).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(readTimeout))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build());
        if (sslContext != null) {
            connections.setTlsSocketStrategy(new DefaultClientTlsStrategy(sslContext));
        }
        PoolingHttpClientConnectionManager pool = connections.build();
        this.requestConfig = RequestConfig.custom().setResponseTimeout(Timeout.of(readTimeout)).build();
        // The minimal client: connection, request, response and nothing else. Redirects, retries, authentication
        // challenges, cookies and compression are the sink's business or not wanted (the retry loop above decides,
        // and a SCIM answer must not be followed elsewhere with the bearer token), and the full client's chain for
        // them (auth exchange per path prefix, URI re-parsing) was a sixth of the CPU of a SCIM call.
        this.http = HttpClients.createMinimal(pool);
        // a daemon thread, as the full client's evictIdleConnections(30 s) had
        new IdleConnectionEvictor(pool, TimeValue.ofSeconds(30)).start();
    }

    @Override
    public Exchange send(String method, URI uri, String authorization, byte[] body) throws IOException {
        HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
        request.setConfig(requestConfig);
        request.setHeader("Authorization", authorization);
        request.setHeader("Accept", JdkScimClient.SCIM_JSON);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, SCIM));
        }
        try {
            return http.execute(request, response -> {
                HttpEntity entity = response.getEntity();
                byte[] bytes = entity == null ? new byte[0] : EntityUtils.toByteArray(entity);
                Header retryAfter = response.getFirstHeader("Retry-After");
                return new Exchange(response.getCode(), bytes, retryAfter == null ? null : retryAfter.getValue());
            });
        } catch (SocketTimeoutException e) {
            throw new TimedOut(e);
        }
    }
}
