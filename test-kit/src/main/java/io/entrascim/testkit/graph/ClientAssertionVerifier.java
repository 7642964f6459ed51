package io.entrascim.testkit.graph;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks an RFC 7523 client assertion the way the Microsoft identity platform does for certificate credentials:
 * the {@code x5t} / {@code x5t#S256} header picks a certificate registered on the app, its public key must verify
 * the RS256/PS256 signature, {@code aud} must be the token endpoint, {@code iss} and {@code sub} the client id, and
 * the assertion must be within {@code nbf}/{@code exp}. Plain JDK crypto so test-kit needs no JOSE library.
 */
final class ClientAssertionVerifier {

    /** Why an assertion was refused: the AADSTS text Entra would answer with {@code invalid_client}. */
    static final class Rejected extends Exception {
        Rejected(String aadsts) {
            super(aadsts, null, false, false);
        }
    }

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final List<X509Certificate> certificates = new CopyOnWriteArrayList<>();
    private volatile Map<String, Object> lastVerified = Map.of();

    void register(X509Certificate certificate) {
        certificates.add(certificate);
    }

    void clear() {
        certificates.clear();
    }

    boolean hasCertificates() {
        return !certificates.isEmpty();
    }

    /** @return the client id the assertion proves (its {@code sub}) */
    String verify(String assertion, String expectedClientId, List<String> tokenUrls) throws Rejected {
        String[] parts = assertion == null ? new String[0] : assertion.split("\\.", -1);
        if (parts.length != 3) {
            throw new Rejected("AADSTS50027: JWT token is invalid or malformed.");
        }
        Map<String, Object> header = json(parts[0]);
        Map<String, Object> claims = json(parts[1]);
        String alg = String.valueOf(header.get("alg"));
        if (!"RS256".equals(alg) && !"PS256".equals(alg)) {
            throw new Rejected("AADSTS5002738: Invalid JWT token. '" + alg + "' is not a supported signature algorithm.");
        }
        X509Certificate cert = certificateFor(header);
        try {
            Signature verifier = "RS256".equals(alg) ? Signature.getInstance("SHA256withRSA") : pss();
            verifier.initVerify(cert.getPublicKey());
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw new Rejected("AADSTS7000274: Client assertion failed signature validation.");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Rejected("AADSTS7000274: Client assertion failed signature validation.");
        }
        Object aud = claims.get("aud");
        boolean audOk = aud instanceof List<?> l ? l.stream().anyMatch(tokenUrls::contains) : tokenUrls.contains(aud);
        if (!audOk) {
            throw new Rejected("AADSTS700212: No matching federated identity record found for presented assertion "
                    + "audience '" + aud + "'. The audience must be the token endpoint " + tokenUrls.get(0) + ".");
        }
        Object iss = claims.get("iss");
        Object sub = claims.get("sub");
        if (!expectedClientId.equals(iss) || !expectedClientId.equals(sub)) {
            throw new Rejected("AADSTS700021: Client assertion application identifier doesn't match 'client_id' "
                    + "parameter. Review the documentation at https://docs.microsoft.com/en-us/azure/active-directory/develop/active-directory-certificate-credentials .");
        }
        Instant now = Instant.now();
        Instant exp = epoch(claims.get("exp"));
        Instant nbf = claims.containsKey("nbf") ? epoch(claims.get("nbf")) : Instant.EPOCH;
        if (exp == null || exp.plus(CLOCK_SKEW).isBefore(now)) {
            throw new Rejected("AADSTS700024: Client assertion is not within its valid time range.");
        }
        if (nbf == null || nbf.minus(CLOCK_SKEW).isAfter(now)) {
            throw new Rejected("AADSTS700024: Client assertion is not within its valid time range.");
        }
        if (claims.get("jti") == null) {
            throw new Rejected("AADSTS700025: Client assertion is missing the jti claim.");
        }
        lastVerified = Map.of("header", header, "claims", claims);
        return (String) sub;
    }

    /** {@code {"header": {...}, "claims": {...}}} of the last accepted assertion (public data: no signature). */
    Map<String, Object> lastVerified() {
        return lastVerified;
    }

    private X509Certificate certificateFor(Map<String, Object> header) throws Rejected {
        Object sha1 = header.get("x5t");
        Object sha256 = header.get("x5t#S256");
        if (sha1 == null && sha256 == null) {
            throw new Rejected("AADSTS700027: Client assertion contains an invalid signature. "
                    + "[Reason - The key used is not found (no x5t or x5t#S256 header).]");
        }
        for (X509Certificate c : certificates) {
            boolean m1 = sha1 == null || sha1.equals(thumbprint(c, "SHA-1"));
            boolean m256 = sha256 == null || sha256.equals(thumbprint(c, "SHA-256"));
            if (m1 && m256) {
                return c;
            }
        }
        throw new Rejected("AADSTS700027: The certificate with identifier used to sign the client assertion is not "
                + "registered on application. [Reason - The key was not found., Thumbprint of key used by client: '"
                + (sha1 != null ? sha1 : sha256) + "']");
    }

    /** base64url (no padding) of the DER certificate's digest, as in the JWS {@code x5t} headers. */
    static String thumbprint(X509Certificate c, String digest) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance(digest).digest(c.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Signature pss() throws GeneralSecurityException {
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String part) throws Rejected {
        try {
            return MAPPER.readValue(Base64.getUrlDecoder().decode(part), Map.class);
        } catch (RuntimeException e) {
            throw new Rejected("AADSTS50027: JWT token is invalid or malformed.");
        }
    }

    private static Instant epoch(Object value) {
        return value instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
    }

    static void ensureEncodable(X509Certificate c) {
        try {
            c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be DER-encoded: " + e.getMessage(), e);
        }
    }
}
