package org.fieldcast.perimeter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OriginsTest {
    private static final String OWN = "https://fieldcast.example:8443";

    @Test
    void originsAreComparedAsBrowsersSerializeThem() {
        assertEquals("https://ohvd.example", Origins.normalize("HTTPS://OHVD.Example:443"));
        assertEquals("http://wall:8080", Origins.normalize("http://wall:8080"));
        assertEquals("https://[::1]:8443", Origins.normalize("https://[::1]:8443"));
        assertNull(Origins.normalize("null"), "sandboxed frames and files send the origin 'null'");
        assertNull(Origins.normalize("https://ohvd.example/page"));
        assertNull(Origins.normalize("https://user@ohvd.example"));
        assertNull(Origins.normalize("ftp://ohvd.example"));
        assertNull(Origins.normalize("*"));
    }

    @Test
    void ownOriginAndListedOnesAreAdmittedNothingElse() {
        Origins o = Origins.parse("https://ohvd.example, https://wall.example:9443", "key");
        assertTrue(o.admits(OWN, OWN));
        assertTrue(o.admits("https://ohvd.example", OWN));
        assertTrue(o.admits("https://OHVD.example:443", OWN));
        assertTrue(o.admits("https://wall.example:9443", OWN));
        assertFalse(o.admits("https://wall.example", OWN), "another port is another origin");
        assertFalse(o.admits("http://ohvd.example", OWN), "another scheme is another origin");
        assertFalse(o.admits("https://evil.ohvd.example", OWN));
        assertFalse(o.admits("https://fieldcast.example:8444", OWN));
        assertFalse(o.admits("null", OWN));
        assertFalse(o.admits(null, OWN));
        assertFalse(o.lists(OWN), "this server's own origin is not a foreign one to hand CORS headers");
    }

    @Test
    void aWildcardOrAPathIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> Origins.parse("*", "fieldcast.http.allowed-origins"));
        assertThrows(IllegalArgumentException.class, () -> Origins.parse("https://a.example/x", "k"));
        assertTrue(Origins.parse(" ", "k").isEmpty());
        assertEquals("https://a.example https://b.example:8443", Origins.parse("https://a.example,https://b.example:8443", "k").sourceList());
    }
}
