package org.fieldcast.camera;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS trust for one camera. Bosch cameras mostly carry self-signed or private-CA certificates that
 * no normal check can verify (RCP+ 8.9), so the camera's certificate is accepted when its SHA-256
 * fingerprint is the one pinned for that camera. Without a pin, a certificate that the JDK's CAs
 * verify (with the host name) is accepted; otherwise, only if trust on first use is switched on,
 * which pins the first certificate seen for this run and logs its fingerprint so an operator can
 * pin it for good.
 * <p>
 * An {@link X509ExtendedTrustManager} on purpose: the JDK wraps a plain {@code X509TrustManager} and
 * adds host-name checks, which a pinned self-signed certificate (named after the camera model, not
 * its address) would fail. With a pin, the fingerprint is the identity.
 */
public final class PinnedCertificate extends X509ExtendedTrustManager {
    private static final Logger LOG = Logger.getLogger(PinnedCertificate.class.getName());

    private final String cameraId;
    private final boolean trustOnFirstUse;
    private final X509ExtendedTrustManager platform;
    private volatile String pinned;
    private volatile String lastRejection;

    /**
     * @param pinnedFingerprint SHA-256 hex, colons and case ignored; null when none is pinned
     */
    public PinnedCertificate(String cameraId, String pinnedFingerprint, boolean trustOnFirstUse) {
        this.cameraId = cameraId;
        this.pinned = pinnedFingerprint == null || pinnedFingerprint.isBlank() ? null : normalize(pinnedFingerprint);
        this.trustOnFirstUse = trustOnFirstUse;
        this.platform = platformTrust();
    }

    /** An SSL context that trusts exactly what this trust manager accepts. */
    public SSLContext sslContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {this}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is part of every JDK", e);
        }
    }

    /** Why the last certificate was refused, for an error an operator can act on; null if none was. */
    public String lastRejection() {
        return lastRejection;
    }

    /** SHA-256 of the DER certificate, lower-case hex without separators. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String normalize(String fingerprint) {
        return fingerprint.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, () -> platform.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, () -> platform.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, () -> platform.checkServerTrusted(chain, authType));
    }

    private interface PlatformCheck {
        void run() throws CertificateException;
    }

    private void check(X509Certificate[] chain, PlatformCheck platformCheck) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw reject("camera '" + cameraId + "' sent no certificate");
        }
        String seen = fingerprint(chain[0]);
        String pin = pinned;
        if (pin != null) {
            if (!MessageDigest.isEqual(pin.getBytes(), seen.getBytes())) {
                throw reject("the certificate of camera '" + cameraId + "' has SHA-256 " + seen
                        + ", but " + pin + " is pinned for it (tlsFingerprint): refusing the connection");
            }
            return;
        }
        try {
            platformCheck.run();
        } catch (CertificateException notVerifiable) {
            if (!trustOnFirstUse) {
                throw reject("the certificate of camera '" + cameraId + "' (SHA-256 " + seen + ") cannot be verified"
                        + " and no fingerprint is pinned for it: pin it as the camera's tlsFingerprint"
                        + " or switch on " + CameraHttpProducer.TRUST_ON_FIRST_USE);
            }
            pinned = seen;
            LOG.warning(() -> "Trusting camera '" + cameraId + "' certificate on first use; pin it as its tlsFingerprint: " + seen);
        }
    }

    private CertificateException reject(String message) {
        lastRejection = message;
        return new CertificateException(message);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a camera client does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a camera client does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a camera client does not accept client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private static X509ExtendedTrustManager platformTrust() {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("no X509ExtendedTrustManager in the JDK");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's default trust store cannot be read", e);
        }
    }
}
