package org.fieldcast.ptz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.fieldcast.station.AuthMode;
import org.junit.jupiter.api.Test;

class DigestChallengeTest {

    @Test
    void rfc7616Md5Example() {
        // RFC 7616 section 3.9.1.
        DigestChallenge c = DigestChallenge.find(List.of("Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\","
                + " algorithm=MD5, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
                + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"")).orElseThrow();

        String h = c.authorization("Mufasa", "Circle of Life", "GET", "/dir/index.html", 1,
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");

        assertTrue(h.contains("response=\"8ca523f5e9506fed4657c9700eebdbec\""), h);
        assertTrue(h.contains("qop=auth, nc=00000001"), h);
        assertTrue(h.contains("opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""), h);
    }

    @Test
    void theBoschChallengeIsUnderstood() {
        Optional<DigestChallenge> c = DigestChallenge.find(List.of(
                "Digest realm=\"Please log in with a valid username.\", nonce=\"abc\", algorithm=MD5, qop=\"auth\""));

        assertEquals("Please log in with a valid username.", c.orElseThrow().realm());
        assertTrue(c.get().qopAuth());
    }

    @Test
    void onlyMd5IsAnswered() {
        assertFalse(DigestChallenge.find(List.of("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256")).isPresent());
        assertTrue(DigestChallenge.offersBasic(List.of("Basic realm=\"r\"")));
    }

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
    void withoutCredentialsAChallengeIsNotAnswered() {
        assertFalse(new CameraAuthorization(AuthMode.NONE, null, null).challenged(List.of("Basic realm=\"r\""), null));
    }
}
