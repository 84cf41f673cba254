package org.fieldcast.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.fieldcast.perimeter.AddressRanges;

class ClientAllowanceTest {
    private static final String A = "192.0.2.1";
    private static final String B = "192.0.2.2";

    private final ClientAllowance sockets = new ClientAllowance("WebSockets", 2, Duration.ofSeconds(5), c -> false);

    @Test
    void eachAddressHoldsUpToItsLimitAndGetsOneBackForEachRelease() {
        ClientAllowance.Grant first = sockets.acquire(A);
        sockets.acquire(A);

        ClientLimitException refused = assertThrows(ClientLimitException.class, () -> sockets.acquire(A));
        assertEquals("at most 2 WebSockets per client address", refused.getMessage());
        assertEquals("5", refused.retryAfterHeader());
        sockets.acquire(B); // another address has its own allowance

        first.close();
        sockets.acquire(A);
        assertEquals(2, sockets.held(A));
    }

    @Test
    void neverBelowZeroWhateverIsClosedTwice() {
        ClientAllowance.Grant g = sockets.acquire(A);
        g.close();
        g.close();
        assertEquals(0, sockets.held(A));

        ClientAllowance.Grant kept = sockets.acquire(A);
        g.close(); // a stale grant again: it must not release the one held now
        assertEquals(1, sockets.held(A));
        kept.close();
        assertEquals(0, sockets.clients(), "an address that holds nothing is forgotten");
    }

    @Test
    void theSameItemCountsOnceAndIsReleasedWithItsLastHolder() {
        ClientAllowance transcoders = new ClientAllowance("JPEG transcoders", 2, Duration.ofSeconds(5), c -> false);
        ClientAllowance.Grant inOneSocket = transcoders.acquire(A, "cam-a default");
        ClientAllowance.Grant inAnother = transcoders.acquire(A, "cam-a default");
        transcoders.acquire(A, "cam-b default");
        assertEquals(2, transcoders.held(A));
        assertThrows(ClientLimitException.class, () -> transcoders.acquire(A, "cam-c default"));
        transcoders.acquire(A, "cam-a default"); // held already: free

        inOneSocket.close();
        assertThrows(ClientLimitException.class, () -> transcoders.acquire(A, "cam-c default"), "cam-a still has holders");
        inAnother.close();
        assertEquals(2, transcoders.held(A));
    }

    @Test
    void aRefusalLeavesNothingBehind() {
        ClientAllowance one = new ClientAllowance("things", 1, Duration.ofSeconds(1), c -> false);
        one.acquire(A).close();
        ClientAllowance none = new ClientAllowance("things", 1, Duration.ofSeconds(1), c -> false);
        none.acquire(B);
        assertThrows(ClientLimitException.class, () -> none.acquire(B));
        assertEquals(0, one.clients());
        assertEquals(1, none.clients());
    }

    @Test
    void aCombinedGrantReleasesTheFirstWhenTheSecondIsRefused() {
        ClientAllowance streams = new ClientAllowance("MJPEG streams", 4, Duration.ofSeconds(5), c -> false);
        ClientAllowance transcoders = new ClientAllowance("JPEG transcoders", 1, Duration.ofSeconds(5), c -> false);
        ClientAllowance.Grant both = streams.acquire(A).and(() -> transcoders.acquire(A, "cam-a default"));
        assertThrows(ClientLimitException.class, () -> streams.acquire(A).and(() -> transcoders.acquire(A, "cam-b default")));
        assertEquals(1, streams.held(A), "the refused stream gave its slot back");

        both.close();
        both.close();
        assertEquals(0, streams.held(A));
        assertEquals(0, transcoders.held(A));
    }

    @Test
    void unlimitedAddressesAreNotCounted() {
        ClientAllowance limited = new ClientAllowance("WebSockets", 1, Duration.ofSeconds(5),
                AddressRanges.parse("127.0.0.1, ::1", "key"));
        List<ClientAllowance.Grant> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(limited.acquire("127.0.0.1"));
            many.add(limited.acquire("0:0:0:0:0:0:0:1"));
        }
        many.forEach(ClientAllowance.Grant::close);
        assertEquals(0, limited.clients());
        limited.acquire(A);
        assertThrows(ClientLimitException.class, () -> limited.acquire(A));
    }

    @Test
    void concurrentHoldersNeverExceedTheLimitNorLeaveCounts() throws Exception {
        ClientAllowance held = new ClientAllowance("held HLS requests", 8, Duration.ofSeconds(1), c -> false);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        AtomicInteger refusals = new AtomicInteger();
        AtomicInteger overLimit = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(threads.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    try (ClientAllowance.Grant g = held.acquire(A)) {
                        if (held.held(A) > 8) {
                            overLimit.incrementAndGet();
                        }
                    } catch (ClientLimitException e) {
                        refusals.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();
        assertEquals(0, refusals.get(), "8 threads holding one each never exceed 8");
        assertEquals(0, overLimit.get());
        assertEquals(0, held.held(A));
        assertEquals(0, held.clients());
    }
}
