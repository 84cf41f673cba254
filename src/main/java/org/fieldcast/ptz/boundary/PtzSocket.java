package org.fieldcast.ptz.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.StringReader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.fieldcast.http.ApiError;
import org.fieldcast.http.ApiErrorMapper;
import org.fieldcast.limits.ClientSockets;
import org.fieldcast.ptz.CameraActions;
import org.fieldcast.ptz.CameraControl;
import org.fieldcast.ptz.MoveAccepted;
import org.fieldcast.ptz.PtzCameras;
import org.fieldcast.ptz.PtzVelocity;
/**
 * Held moves over a WebSocket: while a button is held the page sends
 * {@code {"pan":0.5,"tilt":0,"zoom":0}} every few hundred milliseconds, each renewing the move's
 * lease, and {@code {"stop":true}} on release. The socket owns its move: when it closes (the tab
 * closed, the network dropped) the camera is stopped at once instead of at the lease's end.
 * Replies: the {@link MoveAccepted} of each message, or the one error shape.
 */
@ServerEndpoint("/ws/cameras/{id}/ptz")
public class PtzSocket {

    @Inject
    PtzCameras cameras;

    @Inject
    ClientSockets sockets;

    @Inject
    CameraActions actions;

    @OnOpen
    public void open(Session session, @PathParam("id") String id) throws IOException {
        if (!sockets.admit(session)) {
            return;
        }
        try {
            cameras.ptz(id);
        } catch (RuntimeException e) {
            // Close reasons are limited to 123 bytes.
            String why = e.getMessage() == null ? "refused" : e.getMessage();
            session.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, why.length() > 120 ? why.substring(0, 120) : why));
        }
    }

    @OnMessage
    public void message(Session session, @PathParam("id") String id, String text) {
        try {
            PtzVelocity v = velocity(text);
            CameraControl camera = cameras.ptz(id);
            CompletableFuture<MoveAccepted> moved = v.isStop() ? camera.move(v, session.getId())
                    : camera.move(v, session.getId(), () -> announce(session, id, "ptz-move", v.toString()));
            if (v.isStop()) {
                announce(session, id, "ptz-stop", null);
            }
            moved.whenComplete((accepted, failure) -> {
                if (failure != null) {
                    sendError(session, failure);
                } else {
                    send(session, Json.createObjectBuilder().add("panStep", accepted.panStep()).add("tiltStep", accepted.tiltStep())
                            .add("zoomStep", accepted.zoomStep()).add("leaseMillis", accepted.leaseMillis()).build().toString());
                }
            });
        } catch (RuntimeException e) {
            sendError(session, e);
        }
    }

    @OnClose
    public void closed(Session session, @PathParam("id") String id) {
        release(session, id);
        sockets.leave(session);
    }

    @OnError
    public void failed(Session session, @PathParam("id") String id, Throwable error) {
        release(session, id);
        sockets.leave(session);
    }

    private void announce(Session session, String id, String action, String detail) {
        actions.announce(id, action, detail, session.getUserPrincipal(), sockets.client(session));
    }

    private void release(Session session, String id) {
        try {
            cameras.ptz(id).release(session.getId());
        } catch (RuntimeException gone) {
            // The camera was removed or is no PTZ camera: there is no move to stop.
        }
    }

    /** {@code {"pan":p,"tilt":t,"zoom":z}} with absent speeds 0, or {@code {"stop":true}}. */
    static PtzVelocity velocity(String text) {
        JsonObject o;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            o = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("a PTZ message is a JSON object such as {\"pan\":0.5,\"tilt\":0,\"zoom\":0}");
        }
        if (o.getBoolean("stop", false)) {
            return PtzVelocity.STOP;
        }
        return PtzVelocity.fromUnit(speed(o, "pan"), speed(o, "tilt"), speed(o, "zoom"));
    }

    private static double speed(JsonObject o, String axis) {
        JsonValue v = o.get(axis);
        if (v == null || v == JsonValue.NULL) {
            return 0;
        }
        if (!(v instanceof JsonNumber n)) {
            throw new IllegalArgumentException(axis + " must be a number between -1 and 1");
        }
        return n.doubleValue();
    }

    private static void sendError(Session session, Throwable failure) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        int status = ApiErrorMapper.statusOf(e);
        send(session, new ApiError(status, ApiErrorMapper.messageOf(e, status)).toJson());
    }

    private static void send(Session session, String json) {
        if (session.isOpen()) {
            session.getAsyncRemote().sendText(json);
        }
    }
}
