package io.entrascim.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entrascim.testkit.graph.DemoTenant;
import io.entrascim.testkit.graph.TenantSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain tests (no Spring, no Kafka) of certificate credentials ({@code private_key_jwt}, RFC 7523) against the
 * demo tenant, which verifies the client assertion's signature, thumbprint, audience, issuer/subject and lifetime.
 */
class CertificateAuthenticationTest {

    @TempDir
    static Path dir;
    private static TestCertificates registered;
    private static TestCertificates stranger;

    private DemoTenant tenant;

    @BeforeAll
    static void certificates() throws Exception {
        registered = TestCertificates.create(dir, "graph-app");
        stranger = TestCertificates.create(dir, "not-registered");
    }

    @BeforeEach
    void start() {
        tenant = DemoTenant.start(0, TenantSeed.empty().withUsers(3).withRandomSeed(402));
        tenant.registerCertificate(registered.certificate());
    }

    @AfterEach
    void stop() {
        tenant.close();
    }

    private SourceProperties.Graph graph(String tokenUrl, SourceProperties.Certificate certificate) {
        return new SourceProperties.Graph(tenant.graphUrl(), tenant.tenantId(), tenant.clientId(), null, tokenUrl,
                "https://graph.microsoft.com/.default", SourceProperties.DEFAULT_USER_ATTRIBUTES,
                List.of("displayName", "members"), false, Duration.ofSeconds(5), 2, Duration.ofMillis(20),
                Duration.ofSeconds(1), certificate);
    }

    private GraphClient client(SourceProperties.Graph g) {
        return new GraphClient(g, new ClientCredentialsTokenSource(g));
    }

    @Test
    void aPkcs12CertificateGetsATokenAndGraphDeltaIsRead() {
        GraphClient client = client(graph(tenant.tokenUrl(), registered.asKeystore()));
        assertThat(client.delta(client.usersDeltaUrl()).value()).hasSize(3);
        assertThat(client.delta(client.usersDeltaUrl()).value()).hasSize(3);
        assertThat(tenant.tokenRequestCount()).as("the token is cached like a secret-based one").isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAssertionCarriesEntrasHeadersAndClaims() {
        GraphClient client = client(graph(tenant.tokenUrl(), registered.asKeystore()));
        client.delta(client.usersDeltaUrl());
        CertificateCredential credential = CertificateCredential.load(registered.asKeystore());
        Map<String, Object> header = (Map<String, Object>) tenant.lastAcceptedClientAssertion().get("header");
        Map<String, Object> claims = (Map<String, Object>) tenant.lastAcceptedClientAssertion().get("claims");
        assertThat(header).containsEntry("alg", "RS256").containsEntry("x5t", credential.x5t())
                .containsEntry("x5t#S256", credential.x5tS256());
        assertThat(claims).containsEntry("iss", tenant.clientId()).containsEntry("sub", tenant.clientId())
                .containsKeys("jti", "nbf", "iat", "exp");
        assertThat(claims.get("aud")).asString().contains(tenant.tokenUrl());
        long lifetime = ((Number) claims.get("exp")).longValue() - ((Number) claims.get("nbf")).longValue();
        assertThat(lifetime).isBetween(1L, 600L);
    }

    @Test
    void pemCertificateAndKeyFilesGetATokenAndARevokedTokenIsReplacedWithAFreshAssertion() {
        GraphClient client = client(graph(tenant.tokenUrl(), registered.asPem()));
        assertThat(client.delta(client.usersDeltaUrl()).value()).hasSize(3);
        tenant.revokeAccessTokens();
        assertThat(client.user(tenant.user("user0@demo.entrascim.io").get("id").toString()))
                .containsEntry("userPrincipalName", "user0@demo.entrascim.io");
        assertThat(tenant.tokenRequestCount()).isEqualTo(2);
    }

    @Test
    void anUnregisteredCertificateIsRejectedWithEntrasReasonAndNoKeyMaterial() {
        GraphClient client = client(graph(tenant.tokenUrl(), stranger.asKeystore()));
        assertThatThrownBy(() -> client.delta(client.usersDeltaUrl()))
                .isInstanceOf(GraphException.class)
                .hasMessageContaining("AADSTS700027")
                .hasMessageContaining("not registered")
                .satisfies(e -> assertThat(String.valueOf(e)).doesNotContain(stranger.password()));
        assertThat(tenant.graphRequestCount()).as("no Graph call without a token").isZero();
    }

    @Test
    void aRemovedCertificateNoLongerAuthenticates() {
        tenant.clearCertificates();
        GraphClient client = client(graph(tenant.tokenUrl(), registered.asPem()));
        assertThatThrownBy(() -> client.delta(client.usersDeltaUrl()))
                .isInstanceOf(GraphException.class).hasMessageContaining("AADSTS700027");
    }

    @Test
    void anAssertionForAnotherAudienceIsRejected() {
        // The assertion's aud is the configured token URL; the tenant only accepts its own endpoint.
        String otherAudience = tenant.baseUrl() + "/" + tenant.tenantId() + "/oauth2/v2.0/token?x=1";
        GraphClient client = client(graph(otherAudience, registered.asKeystore()));
        assertThatThrownBy(() -> client.delta(client.usersDeltaUrl()))
                .isInstanceOf(GraphException.class).hasMessageContaining("AADSTS700212");
    }

    @Test
    void theAssertionCarriesEntrasThumbprintsAndRequiredClaims() {
        CertificateCredential credential = CertificateCredential.load(registered.asKeystore());
        assertThat(credential.jwk().getKeyID()).isEqualTo(credential.x5t());
        assertThat(credential.jwk().getX509CertSHA256Thumbprint().toString()).isEqualTo(credential.x5tS256());
        assertThat(credential.x5t()).hasSize(27); // base64url of a 20-byte SHA-1, no padding
        assertThat(credential.toString()).doesNotContain(registered.password()).contains("x5t=");
        assertThat(CertificateCredential.load(registered.asPem()).x5t()).isEqualTo(credential.x5t());
    }

    @Test
    void aWrongKeystorePasswordOrAMismatchedKeyNamesThePropertyButNotThePassword() throws Exception {
        SourceProperties.Certificate wrongPassword = new SourceProperties.Certificate(
                registered.keystore().toString(), "wrong-password-x", null, null, null);
        assertThatThrownBy(() -> CertificateCredential.load(wrongPassword))
                .hasMessageContaining("source.graph.certificate.keystore")
                .satisfies(e -> assertThat(String.valueOf(e)).doesNotContain("wrong-password-x"));

        SourceProperties.Certificate mismatched = new SourceProperties.Certificate(null, null, null,
                registered.pemCertificate().toString(), stranger.pemPrivateKey().toString());
        assertThatThrownBy(() -> CertificateCredential.load(mismatched))
                .hasMessageContaining("does not belong to the certificate");

        SourceProperties.Certificate missing = new SourceProperties.Certificate(null, null, null,
                dir.resolve("absent.pem").toString(), registered.pemPrivateKey().toString());
        assertThatThrownBy(() -> CertificateCredential.load(missing))
                .hasMessageContaining("source.graph.certificate.pem-certificate");

        SourceProperties.Certificate wrongAlias = new SourceProperties.Certificate(
                registered.keystore().toString(), registered.password(), "nope", null, null);
        assertThatThrownBy(() -> CertificateCredential.load(wrongAlias))
                .hasMessageContaining("source.graph.certificate.keystore-alias 'nope'");
        assertThat(Files.readString(registered.pemPrivateKey())).startsWith("-----BEGIN PRIVATE KEY-----");
    }
}
