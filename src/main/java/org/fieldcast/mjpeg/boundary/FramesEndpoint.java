package org.fieldcast.mjpeg.boundary;

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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.fieldcast.limits.ClientAllowance;
import org.fieldcast.limits.ClientLimitException;
import org.fieldcast.limits.ClientLimits;
import org.fieldcast.limits.ClientSockets;
import org.fieldcast.mjpeg.FrameHub;
import org.fieldcast.mjpeg.FrameSocketQueue;
import org.fieldcast.mjpeg.JpegProfile;
import org.fieldcast.mjpeg.JpegTaps;
import org.fieldcast.mjpeg.MjpegSettings;
import org.fieldcast.station.CameraScope;
import org.fieldcast.station.StationDirectory;
import org.fieldcast.station.UnknownCameraException;
import org.fieldcast.stream.CameraStream;
import org.fieldcast.stream.CameraStreams;
import org.fieldcast.stream.StreamUnavailableException;
import org.fieldcast.stream.ViewerLease;
/**
 * {@code /ws/frames}: one socket carries the JPEG frames of many cameras, so a grid of 16 tiles needs
 * one connection, not 16 (a browser opens at most 6 HTTP/1.1 connections per host). The client sends
 * {@code {"subscribe":["cam-a","cam-b"],"profile":"NAME"}} (each replaces the last); the server sends
 * binary messages {@code [1 byte version = 1][1 byte n][n bytes camera id, UTF-8][8 bytes epoch ms,
 * big-endian][JPEG]}, the latest frame per camera winning while the client is busy, and text notices
 * {@code {"error":"...","camera":"id"}} for what it could not subscribe: an unknown camera, one beyond
 * {@code fieldcast.mjpeg.socket-cameras}, or one whose transcoder would take the client address beyond
 * {@code fieldcast.limits.transcoders}.
 */
@ServerEndpoint("/ws/frames")
public class FramesEndpoint {
    /** A subscribe message is a list of camera ids; anything longer is not one. */
    private static final int MAX_MESSAGE = 16 * 1024;

    @Inject
    CameraStreams streams;

    @Inject
    JpegTaps jpegs;

    @Inject
    StationDirectory directory;

    @Inject
    MjpegSettings settings;

    @Inject
    ClientSockets sockets;

    @Inject
    ClientLimits limits;

    private final Map<String, Watching> watching = new HashMap<>();
    private FrameSocketQueue queue;
    private JpegProfile profile;
    private String client;
    /** The cameras this socket's caller may see (its principal's scope, from the handshake). */
    private CameraScope scope = CameraScope.NOTHING;

    private record Watching(FrameHub hub, ViewerLease lease, ClientAllowance.Grant transcoder) {
    }

    @OnOpen
    public void open(Session s) {
        if (!sockets.admit(s)) {
            return;
        }
        // Frames flow one way: silence from the client is normal. Its liveness is its answers to pings.
        s.setMaxIdleTimeout(0);
        scope = CameraScope.of(s.getUserPrincipal());
        String address = sockets.client(s);
        client = address == null ? "socket " + s.getId() : address; // unknown: this socket counts on its own
        RemoteEndpoint.Async remote = s.getAsyncRemote();
        queue = new FrameSocketQueue(new FrameSocketQueue.Transport() {
            @Override
            public void sendBinary(ByteBuffer message, Consumer<Throwable> done) {
                remote.sendBinary(message, result -> done.accept(failure(result)));
            }

            @Override
            public void sendText(String message, Consumer<Throwable> done) {
                remote.sendText(message, result -> done.accept(failure(result)));
            }
        });
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE)
    public synchronized void message(String text) {
        SubscribeRequest request;
        JpegProfile wanted;
        try {
            request = SubscribeRequest.parse(text, settings.socketCameras());
            wanted = settings.profiles().resolve(request.profile());
        } catch (IllegalArgumentException e) {
            queue.notice(notice(e.getMessage(), null));
            return;
        }
        request.refused().forEach(id -> queue.notice(notice("at most " + settings.socketCameras() + " cameras per socket", id)));
        if (!wanted.equals(profile)) {
            stopWatching(Set.copyOf(watching.keySet()));
            profile = wanted;
        }
        Set<String> gone = new HashSet<>(watching.keySet());
        request.cameras().forEach(gone::remove);
        stopWatching(gone);
        request.cameras().stream().filter(id -> !watching.containsKey(id)).forEach(this::startWatching);
    }

    @OnClose
    public synchronized void close(Session s, CloseReason reason) {
        stopWatching(Set.copyOf(watching.keySet()));
        if (queue != null) {
            queue.close();
        }
        sockets.leave(s);
    }

    @OnError
    public void error(Session s, Throwable failure) {
        close(s, null); // the client vanished or sent garbage; the container closes the socket
    }

    private void startWatching(String cameraId) {
        ClientAllowance.Grant transcoder = null;
        try {
            // A camera the caller may not see is answered as one that does not exist.
            if (!directory.camera(cameraId).map(scope::sees).orElse(true)) {
                throw new UnknownCameraException(cameraId);
            }
            CameraStream stream = streams.stream(cameraId);
            // Before the lease, which would start the camera's pull for a viewer that is then refused.
            transcoder = limits.transcoders().acquire(client, ClientLimits.transcoder(cameraId, profile.name()));
            FrameHub hub = jpegs.of(cameraId).hub(profile);
            ViewerLease lease = stream.lease();
            watching.put(cameraId, new Watching(hub, lease, transcoder));
            hub.subscribe(queue);
        } catch (UnknownCameraException | StreamUnavailableException | ClientLimitException e) {
            if (transcoder != null) {
                transcoder.close();
            }
            queue.notice(notice(e.getMessage(), cameraId));
        }
    }

    private void stopWatching(Set<String> cameras) {
        for (String id : cameras) {
            Watching w = watching.remove(id);
            if (w != null) {
                w.hub().unsubscribe(queue);
                w.lease().close();
                w.transcoder().close();
                queue.forget(id);
            }
        }
    }
}
