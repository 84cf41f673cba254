package org.fieldcast.limits;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnlimitedAddressesTest {

    @Test
    void matchesEverySpellingOfAListedAddress() {
        UnlimitedAddresses loopback = UnlimitedAddresses.parse("127.0.0.1,::1", "key");
        assertTrue(loopback.test("127.0.0.1"));
        assertTrue(loopback.test("::1"));
        assertTrue(loopback.test("0:0:0:0:0:0:0:1"));
        assertFalse(loopback.test("127.0.0.2"));
        assertFalse(loopback.test("192.0.2.1"));
        assertFalse(loopback.test(null));
        assertFalse(loopback.test("not an address"), "an unknown client is never unlimited, and never looked up");
    }

    @Test
    void noneMeansEverybodyIsLimited() {
        assertFalse(UnlimitedAddresses.parse("none", "key").test("127.0.0.1"));
        assertFalse(UnlimitedAddresses.parse(" ", "key").test("127.0.0.1"));
    }

    @Test
    void onlyAddressLiteralsSoNothingIsLookedUp() {
        for (String bad : new String[] {"localhost", "proxy.example.org", "10.0.0.0/8", "1.2.3.999", "abc"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> UnlimitedAddresses.parse(bad, "fieldcast.limits.unlimited-addresses"), bad);
            assertTrue(e.getMessage().startsWith("fieldcast.limits.unlimited-addresses: '" + bad + "'"), e.getMessage());
        }
    }
}
