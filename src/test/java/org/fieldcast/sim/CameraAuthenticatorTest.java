package org.fieldcast.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CameraAuthenticatorTest {
    private static final String URI = "rtsp://127.0.0.1:8554/?inst=1";

    private final CameraAuthenticator digest = new CameraAuthenticator(SimAuth.DIGEST, "user", "secret");

    @Test
    void digestChallengeNamesTheBoschRealmMd5AndQopAuth() {
        String challenge = digest.challenge();

        assertTrue(challenge.startsWith("Digest "), challenge);
        Map<String, String> p = org.fieldcast.camera.DigestChallenge.parameters(challenge.substring(7));
        assertEquals("Please log in with a valid username.", p.get("realm"));
        assertEquals("MD5", p.get("algorithm"));
        assertEquals("auth", p.get("qop"));
        assertFalse(p.get("nonce").isEmpty());
    }

    @Test
    void noncesAreFresh() {
        assertFalse(nonce(digest.challenge()).equals(nonce(digest.challenge())));
    }

    @Test
    void acceptsAnRfc7616ResponseComputedIndependently() {
        String nonce = nonce(digest.challenge());
        String header = clientHeader("user", "secret", "DESCRIBE", URI, nonce, "00000001", "0a4f113b");

        assertEquals(Optional.of(AccessLevel.USER), digest.authenticate("DESCRIBE", header));
    }

    @Test
    void acceptsTheRfc2069FormWithoutQop() {
        String nonce = nonce(digest.challenge());
        String ha1 = md5("user:" + CameraAuthenticator.REALM + ":secret");
        String response = md5(ha1 + ":" + nonce + ":" + md5("DESCRIBE:" + URI));
        String header = "Digest username=\"user\", realm=\"" + CameraAuthenticator.REALM + "\", nonce=\"" + nonce
                + "\", uri=\"" + URI + "\", response=\"" + response + "\"";

        assertTrue(digest.authenticate("DESCRIBE", header).isPresent());
    }

    @Test
    void rejectsAWrongPasswordAWrongMethodAndAForeignNonce() {
        String nonce = nonce(digest.challenge());

        assertTrue(digest.authenticate("DESCRIBE", clientHeader("user", "wrong", "DESCRIBE", URI, nonce, "00000001", "c1")).isEmpty());
        assertTrue(digest.authenticate("PLAY", clientHeader("user", "secret", "DESCRIBE", URI, nonce, "00000001", "c1")).isEmpty());
        String foreign = nonce(new CameraAuthenticator(SimAuth.DIGEST, "user", "secret").challenge());
        assertTrue(digest.authenticate("DESCRIBE", clientHeader("user", "secret", "DESCRIBE", URI, foreign, "00000001", "c1")).isEmpty());
        assertTrue(digest.authenticate("DESCRIBE", null).isEmpty());
    }

    @Test
    void basicAcceptsTheRightPairOnly() {
        CameraAuthenticator basic = new CameraAuthenticator(SimAuth.BASIC, "service", "pw:with:colons");

        assertEquals(Optional.of(AccessLevel.SERVICE), basic.authenticate("GET", basicHeader("service", "pw:with:colons")));
        assertTrue(basic.authenticate("GET", basicHeader("service", "nope")).isEmpty());
        assertTrue(basic.authenticate("GET", "Basic !!!notbase64").isEmpty());
        assertTrue(basic.challenge().startsWith("Basic realm=\"Please log in with a valid username.\""));
    }

    @Test
    void noneLetsEveryoneInUnprotected() {
        CameraAuthenticator none = new CameraAuthenticator(SimAuth.NONE, null, null);

        assertEquals(Optional.of(AccessLevel.UNPROTECTED), none.authenticate("GET", null));
    }

    @Test
    void levelFollowsTheBoschAccountName() {
        assertEquals(AccessLevel.LIVE, AccessLevel.forUser("live"));
        assertEquals(AccessLevel.SERVICE, AccessLevel.forUser("service"));
        assertEquals(AccessLevel.USER, AccessLevel.forUser("operator"));
    }

    /** RFC 7616 3.4.1 with qop=auth, computed here without the class under test. */
    private static String clientHeader(String user, String pass, String method, String uri, String nonce, String nc, String cnonce) {
        String ha1 = md5(user + ":" + CameraAuthenticator.REALM + ":" + pass);
        String ha2 = md5(method + ":" + uri);
        String response = md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + CameraAuthenticator.REALM + "\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", algorithm=MD5, qop=auth, nc=" + nc + ", cnonce=\"" + cnonce
                + "\", response=\"" + response + "\"";
    }

    private static String basicHeader(String user, String pass) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
    }

    private static String nonce(String challenge) {
        return org.fieldcast.camera.DigestChallenge.parameters(challenge.substring(7)).get("nonce");
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
