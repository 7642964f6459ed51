package io.entrascim.sink.scim;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Connection settings of the HTTP adapter.
 *
 * @param baseUrl            SCIM base URL (the Entra "Tenant URL"), without trailing slash
 * @param token              bearer token; never logged
 * @param connectTimeout     TCP/TLS connect timeout
 * @param readTimeout        per-request timeout
 * @param trustStore         PKCS12/JKS trust store for the target's certificate chain, or null for the JDK's
 * @param trustStorePassword its password, may be null
 * @param trustStoreType     {@code PKCS12} or {@code JKS}
 * @param httpClient         HTTP implementation; {@link HttpClientKind#APACHE} unless a deployment needs the JDK's
 */
public record ScimClientSettings(String baseUrl, String token, Duration connectTimeout, Duration readTimeout,
                                 Path trustStore, String trustStorePassword, String trustStoreType,
                                 HttpClientKind httpClient) {

    /** Which HTTP client carries the SCIM requests. */
    public enum HttpClientKind {
        /** Apache HttpClient 5 classic: blocking, on the caller's thread; the cheapest per request here. */
        APACHE,
        /** The JDK's java.net.http client. */
        JDK
    }

    public ScimClientSettings {
        httpClient = httpClient == null ? HttpClientKind.APACHE : httpClient;
    }

    public ScimClientSettings(String baseUrl, String token, Duration connectTimeout, Duration readTimeout,
                              Path trustStore, String trustStorePassword, String trustStoreType) {
        this(baseUrl, token, connectTimeout, readTimeout, trustStore, trustStorePassword, trustStoreType, null);
    }

    @Override
    public String toString() {
        return "ScimClientSettings[baseUrl=" + baseUrl + ", token=****, connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", trustStore=" + trustStore + ", httpClient=" + httpClient + "]";
    }
}
