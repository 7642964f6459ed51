package io.entrascim.source;

import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Collections;
import java.util.List;
import org.springframework.boot.ssl.pem.PemContent;

/**
 * The app registration's certificate credential: its certificate and private key, loaded once at start-up from a
 * PKCS#12 keystore or PEM files, as the RSA JWK that signs {@code private_key_jwt} client assertions. The key id
 * and the {@code x5t} / {@code x5t#S256} thumbprints are the ones Entra shows for the uploaded certificate. Errors
 * name the property to fix and never carry a password or key material.
 */
final class CertificateCredential {

    private final RSAKey jwk;
    private final X509Certificate certificate;

    private CertificateCredential(X509Certificate certificate, PrivateKey key, String source) {
        if (!(certificate.getPublicKey() instanceof RSAPublicKey publicKey)) {
            throw new IllegalArgumentException(source + ": the certificate's key is "
                    + certificate.getPublicKey().getAlgorithm() + "; Entra client assertions need an RSA key (RS256)");
        }
        if (!(key instanceof java.security.interfaces.RSAPrivateKey)) {
            throw new IllegalArgumentException(source + ": the private key is not an RSA key");
        }
        if (key instanceof RSAPrivateCrtKey crt && !crt.getModulus().equals(publicKey.getModulus())) {
            throw new IllegalArgumentException(source + ": the private key does not belong to the certificate "
                    + certificate.getSubjectX500Principal().getName());
        }
        this.certificate = certificate;
        try {
            this.jwk = new RSAKey.Builder(publicKey)
                    .privateKey(key)
                    .keyUse(KeyUse.SIGNATURE)
                    .keyID(x5t())
                    .x509CertChain(List.of(Base64.encode(certificate.getEncoded())))
                    .x509CertSHA256Thumbprint(new Base64URL(x5tS256()))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(source + ": the certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    /** From {@code source.graph.certificate.*}; the properties have been validated (exactly one form). */
    static CertificateCredential load(SourceProperties.Certificate cfg) {
        return cfg.usesKeystore()
                ? fromKeystore(Path.of(cfg.keystore()), cfg.keystorePassword(), cfg.keystoreAlias())
                : fromPem(Path.of(cfg.pemCertificate()), Path.of(cfg.pemPrivateKey()));
    }

    static CertificateCredential fromKeystore(Path file, String password, String alias) {
        String where = "source.graph.certificate.keystore (" + file + ")";
        char[] pw = password == null ? new char[0] : password.toCharArray();
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, pw);
        } catch (IOException e) {
            // A wrong password surfaces as an IOException too; its text never contains the password.
            throw new IllegalArgumentException(where + " cannot be read as PKCS#12 (check the file and "
                    + "source.graph.certificate.keystore-password): " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(where + " cannot be read as PKCS#12: " + e.getMessage(), e);
        }
        try {
            String chosen = alias;
            if (chosen == null || chosen.isBlank()) {
                List<String> keys = Collections.list(store.aliases()).stream().filter(a -> isKey(store, a)).toList();
                if (keys.size() != 1) {
                    throw new IllegalArgumentException(where + " holds " + keys.size() + " private keys " + keys
                            + "; set source.graph.certificate.keystore-alias to the one to use");
                }
                chosen = keys.get(0);
            }
            if (!store.isKeyEntry(chosen)) {
                throw new IllegalArgumentException("source.graph.certificate.keystore-alias '" + chosen
                        + "' is not a private-key entry of " + file);
            }
            Certificate cert = store.getCertificate(chosen);
            if (!(cert instanceof X509Certificate x509)) {
                throw new IllegalArgumentException(where + ": entry '" + chosen + "' has no X.509 certificate");
            }
            return new CertificateCredential(x509, (PrivateKey) store.getKey(chosen, pw),
                    where + " entry '" + chosen + "'");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(where + ": the private key cannot be read (check "
                    + "source.graph.certificate.keystore-password): " + e.getClass().getSimpleName(), e);
        }
    }

    static CertificateCredential fromPem(Path certificateFile, Path privateKeyFile) {
        X509Certificate cert;
        try {
            List<X509Certificate> certs = PemContent.load(certificateFile).getCertificates();
            cert = certs.get(0);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("source.graph.certificate.pem-certificate (" + certificateFile
                    + ") is not a readable PEM certificate: " + e.getMessage(), e);
        }
        PrivateKey key;
        try {
            key = PemContent.load(privateKeyFile).getPrivateKey();
        } catch (IOException | RuntimeException e) {
            // Only the exception type: a parser message could quote key material.
            throw new IllegalArgumentException("source.graph.certificate.pem-private-key (" + privateKeyFile
                    + ") is not a readable unencrypted PEM private key (PKCS#8 or PKCS#1): "
                    + e.getClass().getSimpleName(), e);
        }
        if (key == null) {
            throw new IllegalArgumentException("source.graph.certificate.pem-private-key (" + privateKeyFile
                    + ") contains no private key");
        }
        return new CertificateCredential(cert, key, "source.graph.certificate.pem-certificate/pem-private-key");
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The signing key, with its certificate chain and thumbprints. */
    RSAKey jwk() {
        return jwk;
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** base64url SHA-1 thumbprint of the DER certificate: JWS {@code x5t}, what Entra calls the thumbprint. */
    String x5t() {
        return thumbprint("SHA-1");
    }

    /** base64url SHA-256 thumbprint: JWS {@code x5t#S256}. */
    String x5tS256() {
        return thumbprint("SHA-256");
    }

    private String thumbprint(String digest) {
        try {
            return Base64URL.encode(MessageDigest.getInstance(digest).digest(certificate.getEncoded())).toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Public facts only: safe to log. */
    @Override
    public String toString() {
        return "certificate[subject=" + certificate.getSubjectX500Principal().getName() + ", x5t=" + x5t()
                + ", notAfter=" + certificate.getNotAfter().toInstant() + "]";
    }
}
