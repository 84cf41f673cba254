package org.fieldcast.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DigestChallengeTest {

    /** The worked example of RFC 2617 section 3.5. */
    @Test
    void answersTheRfcExample() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
        String answer = c.answer("GET", "/dir/index.html", "Mufasa", "Circle Of Life", 1, "0a4f113b");
        assertTrue(answer.contains("response=\"6629fae49393a05397450978507c4ef1\""), answer);
        assertTrue(answer.contains("qop=auth, nc=00000001, cnonce=\"0a4f113b\""), answer);
        assertTrue(answer.contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""), answer);
    }

    @Test
    void readsABoschChallenge() {
        DigestChallenge c = DigestChallenge.parse(
                "Digest realm=\"Please log in with a valid username.\", algorithm=MD5, qop=\"auth\", nonce=\"abc\"");
        assertEquals("Please log in with a valid username.", c.realm());
        assertEquals("abc", c.nonce());
        assertTrue(c.qopAuth());
    }

    @Test
    void withoutQopTheOldFormIsUsed() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\"");
        String answer = c.answer("GET", "/snap.jpg", "u", "p", 1, "x");
        String expected = DigestChallenge.md5(DigestChallenge.md5("u:r:p") + ":n:" + DigestChallenge.md5("GET:/snap.jpg"));
        assertTrue(answer.contains("response=\"" + expected + "\""), answer);
        assertTrue(!answer.contains("qop="), answer);
    }

    @Test
    void refusesWhatItCannotAnswer() {
        assertNull(DigestChallenge.parse("Basic realm=\"x\""));
        DigestChallenge sha = DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256");
        assertThrows(CameraHttpException.class, () -> sha.answer("GET", "/", "u", "p", 1, "c"));
    }

    @Test
    void quotedValuesMayHoldCommasAndEscapedQuotes() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"Log in, \\\"admin\\\"\", nonce=\"n\", qop=\"auth-int, auth\"");
        assertEquals("Log in, \"admin\"", c.realm());
        assertEquals("n", c.nonce());
        assertTrue(c.qopAuth());
    }
}
