package io.entrascim.testkit.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The demo token endpoint checks RFC 7523 client assertions for real: each rule is broken once here. */
class ClientAssertionVerifierTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static DemoTenant tenant;
    static X509Certificate cert;
    static PrivateKey key;

    @BeforeAll
    static void start() throws Exception {
        Path p12 = dir.resolve("app.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "app", "-keyalg", "RSA", "-keysize",
                "2048", "-dname", "CN=demo-app", "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(),
                "-storepass", "changeit", "-keypass", "changeit", "-noprompt"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0)
                .as("keytool: %s", Files.readString(dir.resolve("keytool.log"))).isTrue();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, "changeit".toCharArray());
        }
        cert = (X509Certificate) ks.getCertificate("app");
        key = (PrivateKey) ks.getKey("app", "changeit".toCharArray());
        tenant = DemoTenant.start(0, TenantSeed.empty());
        tenant.registerCertificate(cert);
    }

    @AfterAll
    static void stop() {
        tenant.close();
    }

    private Map<String, Object> claims() {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("aud", tenant.tokenUrl());
        c.put("iss", tenant.clientId());
        c.put("sub", tenant.clientId());
        c.put("jti", UUID.randomUUID().toString());
        c.put("nbf", now);
        c.put("iat", now);
        c.put("exp", now + 300);
        return c;
    }

    private Map<String, Object> header() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("alg", "RS256");
        h.put("typ", "JWT");
        h.put("x5t", ClientAssertionVerifier.thumbprint(cert, "SHA-1"));
        return h;
    }

    private static String sign(Map<String, Object> header, Map<String, Object> claims, PrivateKey with)
            throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(MAPPER.writeValueAsBytes(header)) + "."
                + b64.encodeToString(MAPPER.writeValueAsBytes(claims));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(with);
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64.encodeToString(s.sign());
    }

    private HttpResponse<String> token(String assertion, String extra) throws Exception {
        String form = "grant_type=client_credentials&scope=" + enc("https://graph.microsoft.com/.default")
                + "&client_id=" + tenant.clientId()
                + "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + enc(assertion) + extra;
        return HTTP.send(HttpRequest.newBuilder(URI.create(tenant.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    private static void assertInvalidClient(HttpResponse<String> r, String aadsts) {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("\"error\":\"invalid_client\"").contains(aadsts);
    }

    @Test
    void aCorrectAssertionGetsAnAccessToken() throws Exception {
        HttpResponse<String> r = token(sign(header(), claims(), key), "");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"access_token\"");
        Map<String, Object> h = header();
        h.remove("x5t");
        h.put("x5t#S256", ClientAssertionVerifier.thumbprint(cert, "SHA-256"));
        assertThat(token(sign(h, claims(), key), "").statusCode()).as("x5t#S256 alone is enough").isEqualTo(200);
    }

    @Test
    void aSignatureByAnotherKeyUnderTheRegisteredThumbprintIsRejected() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        assertInvalidClient(token(sign(header(), claims(), g.generateKeyPair().getPrivate()), ""), "AADSTS7000274");
    }

    @Test
    void anExpiredAssertionIsRejected() throws Exception {
        Map<String, Object> c = claims();
        c.put("exp", Instant.now().minusSeconds(3600).getEpochSecond());
        assertInvalidClient(token(sign(header(), c, key), ""), "AADSTS700024");
    }

    @Test
    void anotherIssuerOrSubjectIsRejected() throws Exception {
        Map<String, Object> c = claims();
        c.put("sub", "someone-else");
        assertInvalidClient(token(sign(header(), c, key), ""), "AADSTS700021");
    }

    @Test
    void anotherAudienceIsRejected() throws Exception {
        Map<String, Object> c = claims();
        c.put("aud", "https://login.microsoftonline.com/other/oauth2/v2.0/token");
        assertInvalidClient(token(sign(header(), c, key), ""), "AADSTS700212");
    }

    @Test
    void anUnknownThumbprintOrAMalformedAssertionIsRejected() throws Exception {
        Map<String, Object> h = header();
        h.put("x5t", "AAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertInvalidClient(token(sign(h, claims(), key), ""), "AADSTS700027");
        assertInvalidClient(token("not-a-jwt", ""), "AADSTS50027");
    }

    @Test
    void aSecretAndAnAssertionTogetherAreRefused() throws Exception {
        HttpResponse<String> r = token(sign(header(), claims(), key), "&client_secret=" + tenant.clientSecret());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("invalid_request");
    }
}
