package org.fieldcast.ptz;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.fieldcast.station.AuthMode;

/**
 * How one camera's requests are authenticated: the configured mode is tried first (Basic is sent
 * pre-emptively); a 401 challenge then decides (RCP+ 6.1: "answer Digest or Basic"). A Digest nonce is
 * reused with a rising nonce count, so a command normally costs one round trip, not two.
 */
final class CameraAuthorization {
    private enum Scheme { NONE, BASIC, DIGEST }

    private final String username;
    private final String password;
    private final SecureRandom random = new SecureRandom();
    private Scheme scheme; // guarded by this
    private DigestChallenge challenge; // guarded by this
    private int nonceCount; // guarded by this

    CameraAuthorization(AuthMode mode, String username, String password) {
        this.username = username;
        this.password = password == null ? "" : password;
        this.scheme = username == null || mode == AuthMode.NONE ? Scheme.NONE
                : mode == AuthMode.BASIC ? Scheme.BASIC : Scheme.DIGEST;
    }

    boolean hasCredentials() {
        return username != null;
    }

    /** The {@code Authorization} value for a request, or empty while no scheme is known yet. */
    synchronized Optional<String> header(String method, String uri) {
        if (scheme == Scheme.BASIC) {
            return Optional.of("Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (scheme == Scheme.DIGEST && challenge != null) {
            byte[] c = new byte[8];
            random.nextBytes(c);
            return Optional.of(challenge.authorization(username, password, method, uri, ++nonceCount, HexFormat.of().formatHex(c)));
        }
        return Optional.empty();
    }

    /**
     * Learns from a 401. True when a retry can succeed: credentials exist and the challenge is new
     * (a fresh nonce, or a scheme not tried yet). False when the same credentials were just refused.
     */
    synchronized boolean challenged(List<String> wwwAuthenticate, String sentAuthorization) {
        if (!hasCredentials()) {
            return false;
        }
        Optional<DigestChallenge> digest = DigestChallenge.find(wwwAuthenticate);
        if (digest.isPresent()) {
            boolean sentDigest = sentAuthorization != null && sentAuthorization.startsWith("Digest ");
            boolean sameNonce = challenge != null && challenge.nonce().equals(digest.get().nonce());
            if (sentDigest && sameNonce) {
                return false;
            }
            // A stale nonce gets a new one; refused credentials come back with a fresh nonce too, so
            // the caller retries only once per request.
            scheme = Scheme.DIGEST;
            challenge = digest.get();
            nonceCount = 0;
            return true;
        }
        if (DigestChallenge.offersBasic(wwwAuthenticate) && scheme != Scheme.BASIC) {
            scheme = Scheme.BASIC;
            return true;
        }
        return false;
    }
}
