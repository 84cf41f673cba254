package org.fieldcast.sim;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A camera's RTSP port: blocking sockets, one accept task and one task per connection (plus one
 * writer task per playing viewer), all on the executor the camera was given.
 */
final class RtspServer implements AutoCloseable {
    /** Bosch drops RTSP sessions after about 60 s without a request (RCP+ 5.2). */
    static final Duration BOSCH_SESSION_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = Logger.getLogger(RtspServer.class.getName());

    private final String bindHost;
    private final int requestedPort;
    private final CameraAuthenticator authenticator;
    private final StreamRelay relay;
    private final StreamRelay subRelay;
    private final OnDemandEncoder subEncoder;
    private final Executor executor;
    private final Set<RtspConnection> connections = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;
    private volatile boolean enabled = true;
    private volatile boolean closed;
    private volatile Duration sessionTimeout = BOSCH_SESSION_TIMEOUT;
    private volatile boolean contentBaseFromLocalAddress;

    RtspServer(String bindHost, int port, CameraAuthenticator authenticator, StreamRelay relay, Executor executor) {
        this(bindHost, port, authenticator, relay, null, null, executor);
    }

    /**
     * @param subRelay   the second instance's relay, or null when this camera serves {@code inst=2} from the first
     * @param subEncoder the second instance's encoder, held by each connection that asks for its path
     */
    RtspServer(String bindHost, int port, CameraAuthenticator authenticator, StreamRelay relay, StreamRelay subRelay,
               OnDemandEncoder subEncoder, Executor executor) {
        this.bindHost = bindHost;
        this.requestedPort = port;
        this.authenticator = authenticator;
        this.relay = relay;
        this.subRelay = subRelay;
        this.subEncoder = subEncoder;
        this.executor = executor;
    }

    void start() throws IOException {
        listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getByName(bindHost), requestedPort), 64);
        executor.execute(this::acceptLoop);
    }

    int port() {
        if (listener == null) {
            throw new IllegalStateException("RTSP server not started");
        }
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = listener.accept();
                RtspConnection connection = new RtspConnection(socket, this);
                connections.add(connection);
                try {
                    executor.execute(connection);
                } catch (RejectedExecutionException shuttingDown) {
                    connection.close();
                }
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "RTSP accept failed on port " + port(), e);
                    pauseAfterFailedAccept();
                }
            }
        }
    }

    /** Out of file descriptors, accept fails at once; a short pause keeps the loop from spinning. */
    private static void pauseAfterFailedAccept() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Off: viewers are disconnected and new requests get 503; the internal publisher keeps feeding. */
    void setEnabled(boolean on) {
        enabled = on;
        if (!on) {
            connections.stream().filter(c -> !c.isPublisher()).forEach(RtspConnection::close);
        }
    }

    boolean enabled() {
        return enabled;
    }

    /**
     * On: DESCRIBE names the address the connection arrived at in its Content-Base, as a camera
     * behind NAT does with its private address, instead of echoing the request URL.
     */
    void setContentBaseFromLocalAddress(boolean on) {
        contentBaseFromLocalAddress = on;
    }

    boolean contentBaseFromLocalAddress() {
        return contentBaseFromLocalAddress;
    }

    void setSessionTimeout(Duration timeout) {
        sessionTimeout = timeout;
    }

    Duration sessionTimeout() {
        return sessionTimeout;
    }

    CameraAuthenticator authenticator() {
        return authenticator;
    }

    StreamRelay relay() {
        return relay;
    }

    /** The relay of an encoder instance. */
    StreamRelay relay(int instance) {
        return instance == StreamPath.SUB && subRelay != null ? subRelay : relay;
    }

    /** True when the instance's encoder runs on demand: a viewer connection holds it until it ends. */
    boolean onDemand(int instance) {
        return instance == StreamPath.SUB && subEncoder != null;
    }

    /** A viewer connection asks for an instance: an encoder on demand starts with its first. */
    void hold(int instance, Object connection) {
        if (onDemand(instance)) {
            subEncoder.hold(connection);
        }
    }

    /** A connection ended: whatever it held is released. */
    void release(Object connection) {
        if (subEncoder != null) {
            subEncoder.release(connection);
        }
    }

    void execute(Runnable task) {
        executor.execute(task);
    }

    void forget(RtspConnection connection) {
        connections.remove(connection);
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (listener != null) {
                listener.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        connections.forEach(RtspConnection::close);
    }
}
