package org.fieldcast.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeaseRulesTest {
    private static final long TTL = 4000;
    private static final String A = "node-a";
    private static final String B = "node-b";

    private static Optional<Lease> lease(String node, long generation, long expiresAt) {
        return Optional.of(new Lease(node, generation, expiresAt, "https://" + node + ":8443"));
    }

    @Test
    void aFreeStreamIsTakenWithTheFirstGeneration() {
        Lease taken = LeaseRules.claim(Optional.empty(), A, "https://a:8443", 1000, TTL).orElseThrow();
        assertEquals(new Lease(A, 1, 5000, "https://a:8443"), taken);
    }

    @Test
    void anotherNodesLiveLeaseIsRefusedUpToItsLastMillisecond() {
        assertTrue(LeaseRules.claim(lease(B, 7, 5000), A, "x", 4999, TTL).isEmpty());
    }

    @Test
    void anExpiredLeaseIsTakenOverWithTheNextGeneration() {
        assertEquals(8, LeaseRules.claim(lease(B, 7, 5000), A, "x", 5000, TTL).orElseThrow().generation());
        assertEquals(A, LeaseRules.claim(lease(B, 7, 5000), A, "x", 9000, TTL).orElseThrow().node());
    }

    @Test
    void aReleasedLeaseIsFreeAtOnceAndKeepsCountingGenerations() {
        Lease released = LeaseRules.release(lease(A, 3, 5000), lease(A, 3, 5000).orElseThrow()).orElseThrow();
        assertEquals(0, released.expiresAt());
        assertEquals(4, LeaseRules.claim(Optional.of(released), B, "x", 1000, TTL).orElseThrow().generation());
    }

    @Test
    void anOwnLiveLeaseIsClaimedAgainAsANewGeneration() {
        assertEquals(4, LeaseRules.claim(lease(A, 3, 5000), A, "x", 1000, TTL).orElseThrow().generation());
    }

    @Test
    void renewingExtendsTheHoldersOwnLeaseKeepingItsGeneration() {
        Lease held = lease(A, 3, 5000).orElseThrow();
        Lease renewed = LeaseRules.renew(Optional.of(held), held, 2000, TTL).orElseThrow();
        assertEquals(3, renewed.generation());
        assertEquals(6000, renewed.expiresAt());
    }

    @Test
    void renewingFailsOnceTakenOverReleasedOrExpired() {
        Lease held = lease(A, 3, 5000).orElseThrow();
        assertTrue(LeaseRules.renew(lease(B, 4, 9000), held, 2000, TTL).isEmpty(), "taken over");
        assertTrue(LeaseRules.renew(lease(A, 4, 9000), held, 2000, TTL).isEmpty(), "a newer claim of the same node");
        assertTrue(LeaseRules.renew(Optional.empty(), held, 2000, TTL).isEmpty(), "gone");
        assertTrue(LeaseRules.renew(Optional.of(held), held, 5000, TTL).isEmpty(), "expired, even if nobody took it");
    }

    @Test
    void onlyTheHolderReleases() {
        Lease held = lease(A, 3, 5000).orElseThrow();
        assertTrue(LeaseRules.release(lease(B, 4, 9000), held).isEmpty());
        assertTrue(LeaseRules.release(Optional.empty(), held).isEmpty());
    }

    @Test
    void theWireFormatIsPlainTextAndRoundTrips() {
        Lease l = lease(A, 12, 1_796_563_774_047L).orElseThrow();
        assertEquals("node-a|12|1796563774047|https://node-a:8443", l.format());
        assertEquals(l, Lease.parse(l.format()).orElseThrow());
    }

    @Test
    void aValueThatDoesNotParseCountsAsExpired() {
        Lease garbage = Lease.parse("not a lease").orElseThrow();
        assertEquals(1, LeaseRules.claim(Optional.of(garbage), A, "x", 1, TTL).orElseThrow().generation());
    }
}
