package org.fieldcast.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The lease service on a shared {@link ConcurrentHashMap} (Hazelcast's map is a ConcurrentMap too),
 * with one fake clock for cluster time and the nodes' monotonic clocks: lease 4 s, stop 1 s sooner.
 */
class LeasesTest {
    private static final long TTL = 4000;
    private static final Duration HOLD = Duration.ofMillis(3000);

    private final AtomicLong millis = new AtomicLong(1_000_000);
    private final ConcurrentMap<String, String> map = new ConcurrentHashMap<>();
    private final FakeMembership membership = new FakeMembership();

    private Leases node(String name) {
        return node(name, map, membership);
    }

    private Leases node(String name, ConcurrentMap<String, String> on, Membership seen) {
        return new Leases(new LeaseTable(on, millis::get, TTL), seen, name, "https://" + name + ":8443", HOLD,
                () -> TimeUnit.MILLISECONDS.toNanos(millis.get()), Runnable::run);
    }

    @Test
    void theFirstClaimWinsAndOthersAreRefused() {
        Leases a = node("a");
        Leases b = node("b");
        OwnershipClaim claim = a.claim("cam1/main").orElseThrow();
        assertEquals(1, claim.generation());
        assertTrue(b.claim("cam1/main").isEmpty());
        assertEquals(new StreamOwner("a", 1, "https://a:8443"), b.owner("cam1/main").orElseThrow());
    }

    @Test
    void aHeldClaimIsReturnedAsItIs() {
        Leases a = node("a");
        OwnershipClaim claim = a.claim("cam1/main").orElseThrow();
        assertSame(claim, a.claim("cam1/main").orElseThrow());
    }

    @Test
    void renewalsKeepTheClaimAndItsGeneration() {
        Leases a = node("a");
        Leases b = node("b");
        OwnershipClaim claim = a.claim("cam1/main").orElseThrow();
        for (int i = 0; i < 30; i++) {
            millis.addAndGet(1000);
            a.renewAll();
            a.fenceOverdue();
            assertTrue(b.claim("cam1/main").isEmpty());
        }
        assertTrue(claim.valid());
        assertEquals(1, claim.generation());
    }

    /**
     * The first seconds of a split: the cut-off node's member list still shows everyone, but nobody
     * answers it. It claims nothing new and renews nothing, so its claim ends by its deadline, and only
     * then may a node of the majority take the stream.
     */
    @Test
    void aNodeThatReachesNoMajorityClaimsAndRenewsNothingAndStopsBeforeTheMajorityTakesOver() {
        FakeMembership cutOff = new FakeMembership();
        Leases a = node("a", map, cutOff);
        Leases b = node("b");
        OwnershipClaim claim = a.claim("cam1/main").orElseThrow();
        AtomicInteger lostAt = new AtomicInteger(-1);
        claim.onLost(() -> lostAt.set((int) (millis.get() - 1_000_000)));
        cutOff.reachable = false;

        assertTrue(a.claim("cam2/main").isEmpty(), "no new claim without an answering majority");
        int takenAt = -1;
        for (int t = 100; t <= 10_000 && takenAt < 0; t += 100) {
            millis.set(1_000_000 + t);
            if (t % 1000 == 0) {
                a.renewAll();
            }
            a.fenceOverdue();
            if (b.claim("cam1/main").isPresent()) {
                takenAt = t;
            }
        }
        assertTrue(lostAt.get() >= 0, "the cut-off owner stopped");
        assertTrue(takenAt > lostAt.get(), "it stopped (" + lostAt.get() + " ms) before the majority took over (" + takenAt + " ms)");
    }

    @Test
    void withoutRenewalsTheOwnerStopsBeforeAnotherMayTakeOver() {
        Leases a = node("a");
        Leases b = node("b");
        OwnershipClaim claim = a.claim("cam1/main").orElseThrow();
        AtomicInteger lost = new AtomicInteger();
        claim.onLost(lost::incrementAndGet);

        millis.addAndGet(2999);
        a.fenceOverdue();
        assertTrue(claim.valid());
        millis.addAndGet(1);
        assertFalse(claim.valid(), "not renewed for the lease minus the margin");
        a.fenceOverdue();
        a.fenceOverdue();
        assertEquals(1, lost.get(), "called once");

        millis.addAndGet(999);
        assertTrue(b.claim("cam1/main").isEmpty(), "the lease lives on in the map until its expiry");
        millis.addAndGet(1);
        assertEquals(2, b.claim("cam1/main").orElseThrow().generation(), "taken over with the next generation");
    }

    @Test
    void aRenewalThatHangsKeepsNothingAlive() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ConcurrentMap<String, String> hanging = new ConcurrentHashMap<>() {
            @Override
            public boolean replace(String key, String oldValue, String newValue) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.replace(key, oldValue, newValue);
            }
        };
        Leases a = node("a", hanging, membership);
        OwnershipClaim claim = a.claim("cam1/main").orElseThrow();
        AtomicInteger lost = new AtomicInteger();
        claim.onLost(lost::incrementAndGet);
        millis.addAndGet(1000);
        Thread renewer = new Thread(a::renewAll);
        renewer.start();
        assertTrue(entered.await(5, TimeUnit.SECONDS));

        millis.addAndGet(2000); // 3 s after the last successful renewal began (the claim)
        assertFalse(claim.valid(), "valid() does not wait for the hung call");
        a.fenceOverdue();
        assertEquals(1, lost.get());

        release.countDown(); // the call returns and even succeeds: too late to count
        renewer.join(5000);
        assertFalse(claim.valid());
        assertEquals(1, lost.get());
    }

    @Test
    void aNodeThatLosesQuorumLosesItsClaimsAtOnceAndClaimsNothing() {
        Leases a = node("a");
        OwnershipClaim claim = a.claim("cam1/main").orElseThrow();
        AtomicInteger lost = new AtomicInteger();
        claim.onLost(lost::incrementAndGet);

        membership.seen = 1;
        assertFalse(claim.valid());
        a.renewAll();
        assertEquals(1, lost.get());
        assertTrue(a.claim("cam2/main").isEmpty(), "a minority pulls nothing");
        assertEquals(0, a.claimsHeld());

        membership.seen = 2;
        assertEquals(2, a.claim("cam1/main").orElseThrow().generation(), "its own lease, claimed anew");
    }

    /** After SIGSTOP its member list is as old as the pause: it may show a quorum this node no longer has. */
    @Test
    void aNodeThatStoodStillClaimsNothingNewUntilItsViewCanBeCurrent() {
        Leases a = node("a");
        a.fenceOverdue();
        millis.addAndGet(100);
        a.fenceOverdue();
        assertTrue(a.claim("cam1/main").isPresent(), "runs every 100 ms: no pause");

        millis.addAndGet(6000); // paused
        a.fenceOverdue();
        assertTrue(a.claim("cam2/main").isEmpty());
        for (int i = 0; i < 39; i++) {
            millis.addAndGet(100);
            a.fenceOverdue();
        }
        assertTrue(a.claim("cam2/main").isEmpty(), "3.9 s after the pause");
        millis.addAndGet(100);
        assertTrue(a.claim("cam2/main").isPresent(), "4 s after the pause");
    }

    @Test
    void aRenewalAfterATakeoverLosesTheClaim() {
        Leases a = node("a");
        OwnershipClaim claim = a.claim("cam1/main").orElseThrow();
        List<String> events = new ArrayList<>();
        claim.onLost(() -> events.add("lost"));
        map.put("cam1/main", new Lease("b", 2, millis.get() + TTL, "https://b:8443").format()); // as if a's clock had stood still
        millis.addAndGet(1000);
        a.renewAll();
        assertEquals(List.of("lost"), events);
        assertFalse(claim.valid());
    }

    @Test
    void closingReleasesSoAnotherNodeTakesOverAtOnce() {
        Leases a = node("a");
        Leases b = node("b");
        OwnershipClaim claim = a.claim("cam1/main").orElseThrow();
        AtomicInteger lost = new AtomicInteger();
        claim.onLost(lost::incrementAndGet);
        claim.close();
        assertFalse(claim.valid());
        assertTrue(b.owner("cam1/main").isEmpty());
        assertEquals(2, b.claim("cam1/main").orElseThrow().generation());
        a.renewAll();
        a.fenceOverdue();
        assertEquals(0, lost.get(), "a closed claim is not reported lost");
        assertEquals("b", a.owner("cam1/main").orElseThrow().node());
    }

    @Test
    void aCallbackAddedAfterTheLossRunsAtOnce() {
        Leases a = node("a");
        OwnershipClaim claim = a.claim("cam1/main").orElseThrow();
        millis.addAndGet(3000);
        a.fenceOverdue();
        AtomicInteger lost = new AtomicInteger();
        claim.onLost(lost::incrementAndGet);
        assertEquals(1, lost.get());
    }

    /** Two nodes on one map, racing on the same streams from several threads: exactly one owner each time. */
    @Test
    void racingClaimsHaveOneWinnerAndEachTakeoverOneNewGeneration() throws Exception {
        List<Leases> nodes = List.of(node("a"), node("b"));
        String[] keys = {"cam1/main", "cam1/sub", "cam2/main", "cam3/main"};
        for (int round = 1; round <= 20; round++) {
            Map<String, Set<OwnershipClaim>> won = race(nodes, keys);
            for (String key : keys) {
                assertEquals(1, won.get(key).size(), "round " + round + ", " + key);
                assertEquals(round, won.get(key).iterator().next().generation(), "one new generation per takeover");
            }
            millis.addAndGet(TTL); // every lease expires: the next round is a takeover race
        }
    }

    private static Map<String, Set<OwnershipClaim>> race(List<Leases> nodes, String[] keys) throws InterruptedException {
        Map<String, Set<OwnershipClaim>> won = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (Leases n : nodes) {
            for (int t = 0; t < 3; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (String key : keys) {
                        Optional<OwnershipClaim> c = n.claim(key);
                        // a node's own threads share its claim: count each claim once
                        c.ifPresent(claim -> won.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(claim));
                    }
                });
                thread.start();
                threads.add(thread);
            }
        }
        start.countDown();
        for (Thread t : threads) {
            t.join(10_000);
        }
        return won;
    }

    private static final class FakeMembership implements Membership {
        volatile int seen = 3;
        volatile boolean reachable = true;

        @Override
        public boolean reachesMajority() {
            return reachable && quorum();
        }

        @Override
        public int membersSeen() {
            return seen;
        }

        @Override
        public int expectedSize() {
            return 3;
        }
    }
}
