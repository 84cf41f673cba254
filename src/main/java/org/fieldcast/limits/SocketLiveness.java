package org.fieldcast.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Proves that the client of each open WebSocket is still there: every sweep pings each socket, and
 * one whose pongs stopped for the timeout is closed. Browsers answer pings by themselves (RFC 6455
 * 5.5.2: "Upon receipt of a Ping frame, an endpoint MUST send a Pong frame in response"), so the pages
 * need no heartbeat of their own, and a frame socket, where the client is silent by design, is judged
 * by its pongs rather than by idleness. A client that stops reading (its sends stall: a hung tab, a
 * dropped network) stops answering too, since its pong waits behind the frames it does not read.
 * <p>
 * No threads of its own: the caller runs {@link #sweep()} from one timer for all sockets.
 */
final class SocketLiveness {

    /** One socket as the sweep sees it. */
    interface Peer {
        boolean isOpen();

        /** Sends a ping without waiting for it to go out. */
        void ping() throws Exception;

        /** Closes the socket, telling the client why if it still listens; never throws. */
        void close(String reason);
    }

    private static final class Watched {
        final Peer peer;
        volatile long lastPongNanos;

        Watched(Peer peer, long now) {
            this.peer = peer;
            this.lastPongNanos = now;
        }
    }

    private final Duration timeout;
    private final LongSupplier nanos;
    private final Map<String, Watched> sockets = new ConcurrentHashMap<>();

    /** @param timeout how long a socket may go without a pong, counted from its opening or its last pong */
    SocketLiveness(Duration timeout, LongSupplier nanos) {
        this.timeout = timeout;
        this.nanos = nanos;
    }

    void watch(String id, Peer peer) {
        sockets.put(id, new Watched(peer, nanos.getAsLong()));
    }

    void pong(String id) {
        Watched w = sockets.get(id);
        if (w != null) {
            w.lastPongNanos = nanos.getAsLong();
        }
    }

    void forget(String id) {
        sockets.remove(id);
    }

    /** Closes the sockets silent for the timeout and pings the others. */
    void sweep() {
        long now = nanos.getAsLong();
        for (Map.Entry<String, Watched> e : sockets.entrySet()) {
            Watched w = e.getValue();
            if (!w.peer.isOpen()) {
                sockets.remove(e.getKey());
            } else if (now - w.lastPongNanos > timeout.toNanos()) {
                sockets.remove(e.getKey());
                w.peer.close("no answer to pings for " + timeout.toSeconds() + " s");
            } else {
                try {
                    w.peer.ping();
                } catch (Exception failed) {
                    sockets.remove(e.getKey());
                    w.peer.close("ping failed");
                }
            }
        }
    }

    int size() {
        return sockets.size();
    }
}
