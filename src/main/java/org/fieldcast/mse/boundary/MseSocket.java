package org.fieldcast.mse.boundary;

import static org.fieldcast.limits.SocketReplies.failure;
import static org.fieldcast.limits.SocketReplies.notice;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.fieldcast.limits.ClientSockets;
import org.fieldcast.mse.MseSettings;
import org.fieldcast.mse.MseSocketQueue;
import org.fieldcast.mse.MseTap;
import org.fieldcast.mse.MseTaps;
import org.fieldcast.station.CameraScope;
import org.fieldcast.station.StationDirectory;
import org.fieldcast.station.UnknownCameraException;
import org.fieldcast.stream.CameraStream;
import org.fieldcast.stream.CameraStreams;
import org.fieldcast.stream.StreamUnavailableException;
import org.fieldcast.stream.StreamVariant;
import org.fieldcast.stream.ViewerLease;

/**
 * {@code /ws/mse}: one socket carries the H.264 pictures of many cameras for the browser's Media Source
 * Extensions, each as soon as it is complete at the server. The protocol (subscribe message, the mime
 * notice before each init, the binary header, the dropped and error notices) is in the README; the queue
 * that keeps a slow client from growing memory or slowing others is {@link MseSocketQueue}. No
 * transcoder: the pictures are the camera's own.
 */
@ServerEndpoint("/ws/mse")
public class MseSocket {
    /** A subscribe message lists at most a few dozen cameras; anything longer is not one. */
    private static final int MAX_MESSAGE = 16 * 1024;

    @Inject
    CameraStreams streams;

    @Inject
    MseTaps taps;

    @Inject
    StationDirectory directory;

    @Inject
    MseSettings settings;

    @Inject
    ClientSockets sockets;

    private final Map<SubscribeRequest.Wanted, Watching> watching = new LinkedHashMap<>();
    private MseSocketQueue queue;
    /** The cameras this socket's caller may see (its principal's scope, from the handshake). */
    private CameraScope scope = CameraScope.NOTHING;

    private record Watching(MseTap tap, MseSocketQueue.Lane lane, ViewerLease lease) {
    }

    @OnOpen
    public void open(Session s) {
        if (!sockets.admit(s)) {
            return;
        }
        // Pictures flow one way: silence from the client is normal. Its liveness is its answers to pings.
        s.setMaxIdleTimeout(0);
        scope = CameraScope.of(s.getUserPrincipal());
        RemoteEndpoint.Async remote = s.getAsyncRemote();
        queue = new MseSocketQueue(new MseSocketQueue.Transport() {
            @Override
            public void sendBinary(ByteBuffer message, Consumer<Throwable> done) {
                remote.sendBinary(message, result -> done.accept(failure(result)));
            }

            @Override
            public void sendText(String message, Consumer<Throwable> done) {
                remote.sendText(message, result -> done.accept(failure(result)));
            }
        }, settings.maxBacklog().toMillis(), settings.socketBytes(), taps::countDropped);
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE)
    public synchronized void message(String text) {
        if (queue == null) {
            return; // not admitted: the container is closing it
        }
        SubscribeRequest request;
        try {
            request = SubscribeRequest.parse(text, settings.socketCameras());
        } catch (IllegalArgumentException e) {
            queue.notice(notice(e.getMessage(), null));
            return;
        }
        request.refused().forEach(w -> queue.notice(notice("at most " + settings.socketCameras()
                + " cameras per socket", w.camera())));
        Set<SubscribeRequest.Wanted> gone = new HashSet<>(watching.keySet());
        request.wanted().forEach(gone::remove);
        gone.forEach(this::stopWatching);
        request.wanted().stream().filter(w -> !watching.containsKey(w)).forEach(this::startWatching);
    }

    @OnClose
    public synchronized void close(Session s, CloseReason reason) {
        Set.copyOf(watching.keySet()).forEach(this::stopWatching);
        if (queue != null) {
            queue.close();
        }
        sockets.leave(s);
    }

    @OnError
    public void error(Session s, Throwable failure) {
        close(s, null); // the client vanished or sent garbage; the container closes the socket
    }

    private void startWatching(SubscribeRequest.Wanted wanted) {
        ViewerLease lease = null;
        try {
            // A camera the caller may not see is answered as one that does not exist.
            if (!directory.camera(wanted.camera()).map(scope::sees).orElse(true)) {
                throw new UnknownCameraException(wanted.camera());
            }
            CameraStream stream = streamFor(wanted.camera(), wanted.sub());
            MseTap tap = taps.of(stream.camera().id(), stream.variant());
            lease = stream.lease();
            MseSocketQueue.Lane lane = queue.open(wanted.camera(), wanted.sub());
            watching.put(wanted, new Watching(tap, lane, lease));
            tap.subscribe(lane, wanted.audio());
        } catch (UnknownCameraException | StreamUnavailableException e) {
            if (lease != null) {
                lease.close();
            }
            queue.notice(notice(e.getMessage(), wanted.camera()));
        }
    }

    /**
     * The stream a subscription plays: "sub" the camera's substream, or its main stream when it has none
     * (the same stream object, one pull), still reported as "sub" to the client.
     */
    private CameraStream streamFor(String cameraId, boolean sub) {
        return streams.stream(cameraId, sub ? StreamVariant.SUB : StreamVariant.MAIN);
    }

    private void stopWatching(SubscribeRequest.Wanted wanted) {
        Watching w = watching.remove(wanted);
        if (w != null) {
            w.tap().unsubscribe(w.lane());
            queue.close(w.lane());
            w.lease().close();
        }
    }
}
