package org.fieldcast.perimeter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AddressRangesTest {

    @Test
    void addressesAndNetworksOfBothFamilies() {
        AddressRanges p = AddressRanges.parse("127.0.0.1, 10.20.0.0/16, fd00::/8", "k");
        assertTrue(p.test("127.0.0.1"));
        assertFalse(p.test("127.0.0.2"));
        assertTrue(p.test("10.20.255.1"));
        assertFalse(p.test("10.21.0.1"));
        assertTrue(p.test("fd12::1"));
        assertTrue(p.test("[fd12::1]"));
        assertFalse(p.test("fe80::1"));
        assertFalse(p.test("proxy.example"), "names are never looked up");
        assertFalse(p.test("127.0.0.256"));
        assertFalse(p.test("127.0.0"));
        assertFalse(p.test("127.0.0.1.1"));
        assertFalse(p.test("127..0.1"));
        assertFalse(p.test(null));
        assertFalse(AddressRanges.NONE.test("127.0.0.1"));
    }

    /** IPv6 has several spellings; the container and a proxy may use different ones. */
    @Test
    void everySpellingOfAListedAddressAndNoneForNothing() {
        AddressRanges loopback = AddressRanges.parse("127.0.0.1,::1", "k");
        assertTrue(loopback.test("::1"));
        assertTrue(loopback.test("0:0:0:0:0:0:0:1"));
        assertFalse(loopback.test("not an address"), "an unknown client is never listed, and never looked up");
        assertTrue(AddressRanges.parse("none", "k").isEmpty());
        assertFalse(AddressRanges.parse("none", "k").test("127.0.0.1"));
    }

    @Test
    void aNetworkWithOddBitsMatchesOnlyItsPrefix() {
        AddressRanges p = AddressRanges.parse("192.168.1.128/25", "k");
        assertTrue(p.test("192.168.1.200"));
        assertFalse(p.test("192.168.1.127"));
    }

    @Test
    void badEntriesStopTheStart() {
        for (String bad : new String[] {"localhost", "proxy.example", "1.2.3.999", "abc"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AddressRanges.parse(bad, "fieldcast.limits.unlimited-addresses"), bad);
            assertTrue(e.getMessage().startsWith("fieldcast.limits.unlimited-addresses: '" + bad + "'"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> AddressRanges.parse("10.0.0.0/33", "k"));
        assertThrows(IllegalArgumentException.class, () -> AddressRanges.parse("10.0.0/8", "k"));
        assertTrue(AddressRanges.parse(" ", "k").isEmpty());
    }

    /** Entries left of the last untrusted hop were written by the client and prove nothing. */
    @Test
    void theClientIsTheRightMostHopThatIsNoTrustedProxy() {
        AddressRanges p = AddressRanges.parse("10.0.0.0/8", "k");
        assertEquals("203.0.113.9", ForwardedRequest.client("203.0.113.9", "10.0.0.2", p));
        assertEquals("203.0.113.9", ForwardedRequest.client("1.2.3.4, 203.0.113.9", "10.0.0.2", p), "a forged first entry is ignored");
        assertEquals("203.0.113.9", ForwardedRequest.client("203.0.113.9, 10.0.0.7", "10.0.0.2", p), "through two proxies");
        assertEquals("10.0.0.2", ForwardedRequest.client(null, "10.0.0.2", p));
        assertEquals("10.0.0.2", ForwardedRequest.client(" ", "10.0.0.2", p));
    }

    @Test
    void hostHeadersOfEveryShape() {
        assertEquals(new HostAndPort("fieldcast.example", 8443), HostAndPort.parse("Fieldcast.Example:8443", "x", 443));
        assertEquals(new HostAndPort("fieldcast.example", 443), HostAndPort.parse("fieldcast.example", "x", 443));
        assertEquals(new HostAndPort("[::1]", 8443), HostAndPort.parse("[::1]:8443", "x", 443));
        assertEquals(new HostAndPort("[::1]", 443), HostAndPort.parse("[::1]", "x", 443));
        assertEquals(new HostAndPort("x", 443), HostAndPort.parse(null, "x", 443));
        assertEquals("fieldcast.example", HostAndPort.authority("fieldcast.example", 443, "https"));
        assertEquals("fieldcast.example:8443", HostAndPort.authority("fieldcast.example", 8443, "https"));
    }
}
