package org.fieldcast.camera;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.fieldcast.sim.CameraCertificate;

/** Trust for cameras' self-signed certificates: the pin, else the JDK's CAs, else (when allowed) the first one seen. */
class PinnedCertificateTest {
    static X509Certificate first;
    static X509Certificate second;

    @BeforeAll
    static void certificates(@TempDir Path folder) throws Exception {
        first = load(CameraCertificate.selfSigned(Files.createDirectories(folder.resolve("a")), "cam-a"));
        second = load(CameraCertificate.selfSigned(Files.createDirectories(folder.resolve("b")), "cam-b"));
    }

    @Test
    void onlyThePinnedCertificateIsAccepted() {
        PinnedCertificate trust = new PinnedCertificate("cam", PinnedCertificate.fingerprint(first), false);
        assertDoesNotThrow(() -> trust.checkServerTrusted(new X509Certificate[] {first}, "EC"));
        assertThrows(CertificateException.class, () -> trust.checkServerTrusted(new X509Certificate[] {second}, "EC"));
        assertTrue(trust.lastRejection().contains("is pinned for it"), trust.lastRejection());
    }

    @Test
    void withoutAPinASelfSignedCertificateIsRefused() {
        PinnedCertificate trust = new PinnedCertificate("cam", null, false);
        assertThrows(CertificateException.class, () -> trust.checkServerTrusted(new X509Certificate[] {first}, "EC"));
        assertTrue(trust.lastRejection().contains("no fingerprint is pinned"), trust.lastRejection());
    }

    @Test
    void trustOnFirstUsePinsTheFirstCertificateSeen() {
        PinnedCertificate trust = new PinnedCertificate("cam", null, true);
        assertDoesNotThrow(() -> trust.checkServerTrusted(new X509Certificate[] {first}, "EC"));
        assertDoesNotThrow(() -> trust.checkServerTrusted(new X509Certificate[] {first}, "EC"));
        assertThrows(CertificateException.class, () -> trust.checkServerTrusted(new X509Certificate[] {second}, "EC"),
                "another certificate later is refused");
    }

    private static X509Certificate load(CameraCertificate c) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(c.keyStore())) {
            ks.load(in, c.password().toCharArray());
        }
        return (X509Certificate) ks.getCertificate(ks.aliases().nextElement());
    }
}
