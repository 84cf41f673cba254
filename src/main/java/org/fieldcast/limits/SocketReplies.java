package org.fieldcast.limits;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.websocket.SendResult;
import java.io.IOException;

/**
 * What the sockets that carry many cameras ({@code /ws/frames}, {@code /ws/mse}) share: the text notice
 * for what a client could not subscribe, and the reading of an asynchronous send's result.
 */
public final class SocketReplies {

    private SocketReplies() {
    }

    /** {@code {"error":"...","camera":"id"}}, without the camera when the notice is about the whole message. */
    public static String notice(String error, String camera) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("error", error);
        if (camera != null) {
            b.add("camera", camera);
        }
        return b.build().toString();
    }

    /**
     * Null for a send that went out, else why it failed. A failed send means the socket is broken: its
     * queue stops, and the container reports the end through the endpoint's error or close. Closing the
     * session from the send's callback could deadlock with a subscribe in progress, as a send may
     * complete on the thread that offered the message.
     */
    public static Throwable failure(SendResult result) {
        if (result.isOK()) {
            return null;
        }
        return result.getException() == null ? new IOException("send failed") : result.getException();
    }
}
