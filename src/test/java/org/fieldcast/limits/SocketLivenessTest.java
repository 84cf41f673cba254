package org.fieldcast.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.fieldcast.stream.StreamExecutors;

class SocketLivenessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(45);

    private final AtomicLong now = new AtomicLong();
    private final SocketLiveness liveness = new SocketLiveness(TIMEOUT, now::get);

    /** A socket as a test drives it: counts pings, remembers why it was closed. */
    private static final class FakePeer implements SocketLiveness.Peer {
        int pings;
        String closedBecause;
        boolean open = true;
        boolean pingFails;

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void ping() throws IOException {
            if (pingFails) {
                throw new IOException("broken pipe");
            }
            pings++;
        }

        @Override
        public void close(String reason) {
            closedBecause = reason;
            open = false;
        }
    }

    @Test
    void aSocketThatAnswersIsPingedEverySweepAndStaysOpen() {
        FakePeer peer = new FakePeer();
        liveness.watch("s1", peer);
        for (int i = 0; i < 20; i++) {
            now.addAndGet(Duration.ofSeconds(15).toNanos());
            liveness.sweep();
            liveness.pong("s1");
        }
        assertEquals(20, peer.pings);
        assertNull(peer.closedBecause);
    }

    @Test
    void aSocketWhosePongsStopIsClosedAfterTheTimeout() {
        FakePeer silent = new FakePeer();
        liveness.watch("s1", silent);
        now.addAndGet(TIMEOUT.toNanos());
        liveness.sweep();
        assertNull(silent.closedBecause, "exactly the timeout is still in time");

        now.addAndGet(1);
        liveness.sweep();
        assertEquals("no answer to pings for 45 s", silent.closedBecause);
        assertEquals(0, liveness.size());
        liveness.sweep();
        assertEquals(1, silent.pings, "a closed socket is not pinged again");
    }

    @Test
    void socketsThatEndedOrCannotBePingedAreDropped() {
        FakePeer ended = new FakePeer();
        FakePeer broken = new FakePeer();
        FakePeer forgotten = new FakePeer();
        broken.pingFails = true;
        liveness.watch("ended", ended);
        liveness.watch("broken", broken);
        liveness.watch("forgotten", forgotten);
        ended.open = false;
        liveness.forget("forgotten");
        liveness.pong("forgotten"); // a pong after the end changes nothing

        liveness.sweep();

        assertEquals(0, liveness.size());
        assertNull(ended.closedBecause);
        assertEquals("ping failed", broken.closedBecause);
        assertEquals(0, forgotten.pings);
    }

    @Test
    void theSweepRunsOnTheStreamFeaturesTimers() {
        // Spelled out in ClientSockets so that limits imports no feature; the two must not drift apart.
        assertEquals(StreamExecutors.TIMERS, ClientSockets.TIMERS);
        assertTrue(ClientSockets.TIMERS.startsWith("java:app/"));
    }
}
