package org.fieldcast.sim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.fieldcast.camera.DigestChallenge;
/**
 * Checks the {@code Authorization} header of RTSP and HTTP requests the way a Bosch camera does:
 * none, Basic, or Digest with MD5 and {@code qop="auth"} (RFC 7616), under the realm Bosch firmware
 * uses (RCP+ 6.2). Shared by the RTSP and the HTTP server of one camera.
 * <p>
 * Nonces are signed rather than stored, so any nonce this camera issued stays valid for its
 * lifetime: RTSP clients keep one nonce for the keep-alives of a stream that runs for hours.
 * Nonce counts are not tracked against replay, nor is {@code uri} matched to the request line:
 * this is a test double on loopback, not a security boundary.
 */
final class CameraAuthenticator {
    static final String REALM = "Please log in with a valid username.";

    private final SimAuth mode;
    private final String username;
    private final String password;
    private final AccessLevel level;
    private final SecureRandom random = new SecureRandom();
    private final byte[] nonceKey = new byte[32];

    CameraAuthenticator(SimAuth mode, String username, String password) {
        this.mode = mode;
        this.username = username;
        this.password = password;
        this.level = mode == SimAuth.NONE ? AccessLevel.UNPROTECTED : AccessLevel.forUser(username);
        random.nextBytes(nonceKey);
    }

    SimAuth mode() {
        return mode;
    }

    /**
     * @param method        request method, part of the Digest hash
     * @param authorization the header value, or null
     * @return the level granted, or empty when the request must be challenged
     */
    Optional<AccessLevel> authenticate(String method, String authorization) {
        if (mode == SimAuth.NONE) {
            return Optional.of(level);
        }
        if (authorization == null) {
            return Optional.empty();
        }
        boolean ok = switch (mode) {
            case BASIC -> basicMatches(authorization);
            case DIGEST -> digestMatches(method, authorization);
            default -> false;
        };
        return ok ? Optional.of(level) : Optional.empty();
    }

    /** The {@code WWW-Authenticate} value of a 401, with a fresh nonce for Digest. */
    String challenge() {
        if (mode == SimAuth.BASIC) {
            return "Basic realm=\"" + REALM + "\"";
        }
        return "Digest realm=\"" + REALM + "\", nonce=\"" + newNonce() + "\", algorithm=MD5, qop=\"auth\"";
    }

    private boolean basicMatches(String authorization) {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String expected = username + ":" + password;
        try {
            byte[] given = Base64.getDecoder().decode(authorization.substring(6).trim());
            return MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException badBase64) {
            return false;
        }
    }

    private boolean digestMatches(String method, String authorization) {
        if (!authorization.regionMatches(true, 0, "Digest ", 0, 7)) {
            return false;
        }
        Map<String, String> p = DigestChallenge.parameters(authorization.substring(7));
        String nonce = p.get("nonce");
        String uri = p.get("uri");
        String response = p.get("response");
        if (!username.equals(p.get("username")) || !REALM.equals(p.get("realm"))
                || nonce == null || uri == null || response == null || !nonceIsOurs(nonce)) {
            return false;
        }
        String expected = digestResponse(username, password, method, uri, nonce, p.get("qop"), p.get("nc"), p.get("cnonce"));
        return expected != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * RFC 7616 MD5 response, computed here apart from the client's ({@link DigestChallenge#answer}) on
     * purpose: a simulator sharing the client's math would accept the client's mistakes. Without {@code qop} it is the RFC 2069 form, which GStreamer's RTSP
     * client still sends.
     */
    static String digestResponse(String user, String pass, String method, String uri, String nonce,
            String qop, String nc, String cnonce) {
        String ha1 = md5(user + ":" + REALM + ":" + pass);
        String ha2 = md5(method + ":" + uri);
        if (qop == null) {
            return md5(ha1 + ":" + nonce + ":" + ha2);
        }
        if (!"auth".equals(qop) || nc == null || cnonce == null) {
            return null;
        }
        return md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    private String newNonce() {
        byte[] salt = new byte[8];
        random.nextBytes(salt);
        String body = HexFormat.of().formatHex(salt);
        return body + sign(body);
    }

    private boolean nonceIsOurs(String nonce) {
        if (nonce.length() != 48) {
            return false;
        }
        String body = nonce.substring(0, 16);
        return MessageDigest.isEqual(sign(body).getBytes(StandardCharsets.US_ASCII),
                nonce.substring(16).getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(nonceKey, "HmacSHA256"));
            byte[] tag = mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(tag, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static String md5(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
