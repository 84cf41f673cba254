package org.fieldcast.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.fieldcast.station.AuthMode;

class CameraAuthorizationTest {

    @Test
    void basicIsSentPreemptivelyAndDigestAfterTheChallenge() {
        CameraAuthorization basic = new CameraAuthorization(AuthMode.BASIC, "user", "pw");
        assertEquals("Basic dXNlcjpwdw==", basic.header("GET", "/rcp.xml").orElseThrow());

        CameraAuthorization digest = new CameraAuthorization(AuthMode.DIGEST, "user", "pw");
        assertTrue(digest.header("GET", "/rcp.xml").isEmpty(), "no header before the first challenge");
        List<String> challenge = List.of("Digest realm=\"r\", nonce=\"n1\", qop=\"auth\"");
        assertTrue(digest.challenged(challenge, null));
        String first = digest.header("GET", "/rcp.xml?a=1").orElseThrow();
        assertTrue(first.contains("nc=00000001"), first);
        assertTrue(digest.header("GET", "/rcp.xml?a=1").orElseThrow().contains("nc=00000002"), "the nonce is reused");
        assertFalse(digest.challenged(challenge, first), "the same nonce refused again means wrong credentials");
        assertTrue(digest.challenged(List.of("Digest realm=\"r\", nonce=\"n2\", qop=\"auth\""), first), "a new nonce is tried");
    }

    @Test
    void theChallengeDecidesTheScheme() {
        CameraAuthorization configuredDigest = new CameraAuthorization(AuthMode.DIGEST, "user", "pw");
        assertTrue(configuredDigest.challenged(List.of("Basic realm=\"r\""), null), "a camera that only offers Basic");
        assertEquals("Basic dXNlcjpwdw==", configuredDigest.header("GET", "/snap.jpg").orElseThrow());
        assertFalse(configuredDigest.challenged(List.of("Basic realm=\"r\""), "Basic dXNlcjpwdw=="), "Basic refused: no retry");

        CameraAuthorization sha = new CameraAuthorization(AuthMode.DIGEST, "user", "pw");
        assertFalse(sha.challenged(List.of("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256"), null), "only MD5 is answered");
    }

    @Test
    void withoutCredentialsAChallengeIsNotAnswered() {
        assertFalse(new CameraAuthorization(AuthMode.NONE, null, null).challenged(List.of("Basic realm=\"r\""), null));
    }
}
