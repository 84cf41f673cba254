package org.fieldcast.camera;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.fieldcast.station.AuthMode;
/**
 * How one camera's requests are authenticated, over HTTP (snapshots, RCP+) and RTSP alike: the
 * configured mode first (Basic is sent pre-emptively); a 401 challenge then decides (RCP+ 6.1:
 * "answer Digest or Basic"). A Digest nonce is reused with a rising nonce count, so a request normally
 * costs one round trip, not two. Thread-safe; one per camera connection or client.
 */
public final class CameraAuthorization {
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum Scheme { NONE, BASIC, DIGEST }

    private final String username;
    private final String password;
    private Scheme scheme; // guarded by this
    private DigestChallenge challenge; // guarded by this
    private int nonceCount; // guarded by this

    public CameraAuthorization(AuthMode mode, String username, String password) {
        this.username = username;
        this.password = password == null ? "" : password;
        this.scheme = username == null || mode == null || mode == AuthMode.NONE ? Scheme.NONE
                : mode == AuthMode.BASIC ? Scheme.BASIC : Scheme.DIGEST;
    }

    public boolean hasCredentials() {
        return username != null;
    }

    /** The {@code Authorization} value for a request, or empty while no scheme is known yet. */
    public synchronized Optional<String> header(String method, String uri) {
        if (scheme == Scheme.BASIC) {
            return Optional.of("Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (scheme == Scheme.DIGEST && challenge != null) {
            byte[] c = new byte[8];
            RANDOM.nextBytes(c);
            return Optional.of(challenge.answer(method, uri, username, password, ++nonceCount, HexFormat.of().formatHex(c)));
        }
        return Optional.empty();
    }

    /**
     * Learns from a 401. True when a retry can succeed: credentials exist and the challenge is new
     * (a fresh nonce, stale or not, or a scheme not tried yet). False when the same credentials were just refused.
     *
     * @param sentAuthorization what the refused request carried, null if nothing
     */
    public synchronized boolean challenged(List<String> wwwAuthenticate, String sentAuthorization) {
        if (!hasCredentials()) {
            return false;
        }
        Optional<DigestChallenge> digest = wwwAuthenticate.stream().map(DigestChallenge::parse)
                .filter(c -> c != null && c.nonce() != null && c.algorithm().equalsIgnoreCase("MD5")).findFirst();
        if (digest.isPresent()) {
            boolean sentDigest = sentAuthorization != null && sentAuthorization.startsWith("Digest ");
            boolean sameNonce = challenge != null && challenge.nonce().equals(digest.get().nonce());
            if (sentDigest && sameNonce) {
                return false;
            }
            // A stale nonce gets a new one; refused credentials come back with a fresh nonce too, so
            // callers retry only once per request.
            scheme = Scheme.DIGEST;
            challenge = digest.get();
            nonceCount = 0;
            return true;
        }
        boolean offersBasic = wwwAuthenticate.stream().anyMatch(v -> v.regionMatches(true, 0, "Basic", 0, 5));
        if (offersBasic && scheme != Scheme.BASIC) {
            scheme = Scheme.BASIC;
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "CameraAuthorization[" + scheme + "]";
    }
}
