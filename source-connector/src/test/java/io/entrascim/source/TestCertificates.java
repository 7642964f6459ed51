package io.entrascim.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed RSA certificates made by the JDK's {@code keytool} (no BouncyCastle on the classpath), in a PKCS#12
 * keystore, plus the same certificate and key exported as PEM files.
 */
record TestCertificates(Path keystore, String password, String alias, Path pemCertificate, Path pemPrivateKey,
                        X509Certificate certificate) {

    static TestCertificates create(Path dir, String name) throws IOException, InterruptedException,
            GeneralSecurityException {
        Path keystore = dir.resolve(name + ".p12");
        String password = "pw-" + name + "-never-logged";
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", name, "-keyalg", "RSA",
                "-keysize", "2048", "-sigalg", "SHA256withRSA", "-dname", "CN=" + name + ", O=entra-scim test",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", password,
                "-keypass", password, "-noprompt"))
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".keytool.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + Files.readString(dir.resolve(name + ".keytool.log")));
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password.toCharArray());
        }
        X509Certificate cert = (X509Certificate) ks.getCertificate(name);
        PrivateKey key = (PrivateKey) ks.getKey(name, password.toCharArray());
        Path pemCert = dir.resolve(name + ".crt.pem");
        Path pemKey = dir.resolve(name + ".key.pem");
        Files.writeString(pemCert, pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(pemKey, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
        return new TestCertificates(keystore, password, name, pemCert, pemKey, cert);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    SourceProperties.Certificate asKeystore() {
        return new SourceProperties.Certificate(keystore.toString(), password, alias, null, null);
    }

    SourceProperties.Certificate asPem() {
        return new SourceProperties.Certificate(null, null, null, pemCertificate.toString(), pemPrivateKey.toString());
    }
}
