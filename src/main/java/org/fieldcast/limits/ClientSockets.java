package org.fieldcast.limits;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every WebSocket of every endpoint passes here when it opens and when it ends: its client address is
 * noted, it counts against the address's {@code fieldcast.limits.sockets} (beyond it the socket is
 * closed at once with 1013, try again later), and it is pinged until it ends ({@link SocketLiveness}).
 * One timer sweeps all sockets: a timer per socket would cost what it did for held HLS requests
 * (see {@code web.HeldRequestDeadlines}).
 */
@ApplicationScoped
public class ClientSockets {
    /** {@code stream.StreamExecutors.TIMERS}, spelled out here so that this package imports no feature. */
    static final String TIMERS = "java:app/concurrent/fieldcast-timers";
    private static final Logger LOG = Logger.getLogger(ClientSockets.class.getName());

    /** How often every WebSocket is pinged. */
    @Inject
    @ConfigProperty(name = "fieldcast.limits.ping-interval", defaultValue = "PT15S")
    Duration pingInterval;

    /**
     * A WebSocket whose client has not answered a ping for this long is closed (1001). Several ping
     * intervals, so that one ping lost behind a burst of frames is no reason.
     */
    @Inject
    @ConfigProperty(name = "fieldcast.limits.pong-timeout", defaultValue = "PT45S")
    Duration pongTimeout;

    @Inject
    ClientLimits limits;

    @Resource(lookup = TIMERS)
    ManagedScheduledExecutorService scheduler;

    private record Admitted(String client, ClientAllowance.Grant grant) {
    }

    /** Session id -> what it holds. */
    private final Map<String, Admitted> admitted = new ConcurrentHashMap<>();
    private SocketLiveness liveness;
    private ScheduledFuture<?> sweep;

    /** Creating the bean at start-up checks the settings and starts the sweep. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        count();
    }

    @PostConstruct
    void start() {
        if (pingInterval.isNegative() || pingInterval.isZero() || pongTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("fieldcast.limits.ping-interval must be positive and "
                    + "fieldcast.limits.pong-timeout longer than it");
        }
        liveness = new SocketLiveness(pongTimeout, System::nanoTime);
        long every = pingInterval.toMillis();
        sweep = scheduler.scheduleAtFixedRate(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (sweep != null) {
            sweep.cancel(false);
        }
    }

    /**
     * A socket opens. Call first thing in {@code @OnOpen}.
     *
     * @return false when it is refused: it is closed already, and the endpoint does nothing more
     */
    public boolean admit(Session session) {
        String client = WebSocketClientAddress.of(session).orElse(null);
        ClientAllowance.Grant grant;
        try {
            // An address the container does not tell is counted on its own, so nobody is refused for it.
            grant = limits.sockets().acquire(client == null ? "socket " + session.getId() : client);
        } catch (ClientLimitException e) {
            close(session, new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, e.getMessage()));
            return false;
        }
        admitted.put(session.getId(), new Admitted(client, grant));
        session.addMessageHandler(PongMessage.class, pong -> liveness.pong(session.getId()));
        liveness.watch(session.getId(), peer(session));
        return true;
    }

    /** A socket ended (its {@code @OnClose} or {@code @OnError}); harmless for a refused one, and twice. */
    public void leave(Session session) {
        Admitted a = admitted.remove(session.getId());
        if (a != null) {
            a.grant().close();
        }
        liveness.forget(session.getId());
    }

    /** The client address of an admitted socket, or null when unknown. */
    public String client(Session session) {
        Admitted a = admitted.get(session.getId());
        return a == null ? null : a.client();
    }

    /** Open sockets, for the metrics and tests. */
    public int count() {
        return admitted.size();
    }

    private void sweep() {
        try {
            liveness.sweep();
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: the next sweep must still come.
            LOG.log(Level.WARNING, "WebSocket ping sweep failed", e);
        }
    }

    private static SocketLiveness.Peer peer(Session session) {
        return new SocketLiveness.Peer() {
            @Override
            public boolean isOpen() {
                return session.isOpen();
            }

            @Override
            public void ping() throws IOException {
                // Tyrus queues the frame and returns: a client that does not read holds up no sweep.
                session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
            }

            @Override
            public void close(String reason) {
                ClientSockets.close(session, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, reason));
            }
        };
    }

    private static void close(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException | RuntimeException e) {
            // gone already
        }
    }
}
