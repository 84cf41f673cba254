package org.fieldcast.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.fieldcast.camera.PinnedCertificate;
/**
 * The HTTPS side of a simulated camera: a PKCS#12 key store with its (self-signed) certificate, as
 * Bosch cameras ship, and the port to serve it on.
 *
 * @param port HTTPS port, 0 = pick a free one
 */
public record CameraCertificate(Path keyStore, String password, int port) {
    private static final String ALIAS = "camera";

    /**
     * Makes a self-signed certificate for 127.0.0.1 with the JDK's {@code keytool} in {@code folder}.
     * The JDK has no public API to sign a certificate, and keytool is always beside it.
     */
    public static CameraCertificate selfSigned(Path folder, String name) throws IOException {
        Path store = folder.resolve(name.replaceAll("[^A-Za-z0-9_-]", "_") + ".p12");
        String password = "sim-" + Long.toHexString(System.nanoTime());
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + name.replaceAll("[^A-Za-z0-9 _-]", "_") + ", O=Simulated Bosch camera",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "3650", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", password, "-keypass", password)
                .redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool could not make a certificate: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while keytool ran", e);
        }
        return new CameraCertificate(store, password, 0);
    }

    public CameraCertificate onPort(int httpsPort) {
        return new CameraCertificate(keyStore, password, httpsPort);
    }

    /** SHA-256 of the certificate, lower-case hex: what an operator pins as the camera's tlsFingerprint. */
    public String fingerprint() {
        try {
            return PinnedCertificate.fingerprint((X509Certificate) load().getCertificate(ALIAS));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot read the certificate in " + keyStore, e);
        }
    }

    SSLContext sslContext() throws IOException {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(), password.toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the key store " + keyStore + ": " + e.getMessage(), e);
        }
    }

    private KeyStore load() throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, password.toCharArray());
        }
        return ks;
    }

    @Override
    public String toString() {
        return "CameraCertificate[" + keyStore + ", port=" + port + "]"; // never the password
    }
}
