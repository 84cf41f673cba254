package org.fieldcast.gateway;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.fieldcast.camera.DigestChallenge;
import org.fieldcast.secret.Credentials;
import org.fieldcast.station.AuthMode;

/**
 * The {@code Authorization} header an RTSP camera wants: Basic sent right away, Digest answering
 * the camera's last challenge, counting the requests made with its nonce. One per connection.
 */
final class CameraAuthorization {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Credentials credentials;
    private DigestChallenge challenge; // guarded by this
    private int nonceCount; // guarded by this

    CameraAuthorization(Credentials credentials) {
        this.credentials = credentials;
    }

    /** The header for a request, or null when none can be sent yet (no credentials, or Digest before a challenge). */
    synchronized String header(String method, String uri) {
        if (credentials.none()) {
            return null;
        }
        if (credentials.mode() == AuthMode.BASIC) {
            return "Basic " + Base64.getEncoder().encodeToString(
                    (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));
        }
        if (challenge == null) {
            return null;
        }
        byte[] cnonce = new byte[8];
        RANDOM.nextBytes(cnonce);
        return challenge.answer(method, uri, credentials.username(), credentials.password(), ++nonceCount,
                HexFormat.of().formatHex(cnonce));
    }

    /**
     * Takes the {@code WWW-Authenticate} headers of a 401.
     *
     * @param answered true when the refused request carried an answer already
     * @return true when asking again can succeed: a Digest challenge not answered yet, or a stale nonce
     */
    synchronized boolean challenged(List<String> wwwAuthenticate, boolean answered) {
        if (credentials.mode() != AuthMode.DIGEST) {
            return false; // Basic went with the request; the same password again cannot help
        }
        for (String value : wwwAuthenticate) {
            DigestChallenge offered = DigestChallenge.parse(value);
            if (offered != null) {
                boolean fresh = challenge == null || !String.valueOf(challenge.nonce()).equals(offered.nonce());
                boolean stale = value.toLowerCase(java.util.Locale.ROOT).matches(".*\\bstale\\s*=\\s*\"?true.*");
                challenge = offered;
                nonceCount = 0;
                return !answered || stale || fresh;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "CameraAuthorization[" + credentials.mode() + "]";
    }
}
