package org.fieldcast.camera;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS trust for one camera: its certificate (usually self-signed) is accepted only when its SHA-256
 * matches the fingerprint the operator pinned. Nothing else is trusted on that connection.
 * <p>
 * An {@link X509ExtendedTrustManager} on purpose: for a plain one the JDK adds a host name check,
 * which a camera's self-signed certificate for its LAN address fails behind a gateway. The pin names
 * the one certificate accepted, which is the stronger check.
 */
public final class PinnedCertificate extends X509ExtendedTrustManager {
    private final String fingerprint;

    /** @param fingerprint SHA-256 of the certificate, lower-case hex */
    public PinnedCertificate(String fingerprint) {
        this.fingerprint = fingerprint;
    }

    public SSLContext sslContext() {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {this}, new SecureRandom());
            return tls;
        } catch (Exception e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }

    public static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the camera sent no certificate");
        }
        String presented = sha256(chain[0]);
        if (!presented.equals(fingerprint)) {
            throw new CertificateException("the camera's certificate has SHA-256 " + presented
                    + ", which is not the pinned " + fingerprint);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
