package org.fieldcast.health;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.StringReader;
import org.fieldcast.station.StationDirectory;

/**
 * {@code /ws/health}: on connect the state of every camera, then only changes (state, mode, fps,
 * bit rate, viewers, age of the last frame, reconnects, last error). Players send telemetry back on
 * the same socket: {@code {"type":"telemetry","camera":"id","latency":0.8,"partLoad":0.05,"stalls":0}}.
 */
@ServerEndpoint("/ws/health")
public class HealthSocket {
    /** Telemetry messages are small; anything larger is not ours. */
    static final int MAX_MESSAGE = 4096;

    @Inject
    HealthSubscribers subscribers;

    @Inject
    PlayerTelemetry telemetry;

    @Inject
    StationDirectory stations;

    @OnOpen
    public void open(Session session) {
        session.setMaxTextMessageBufferSize(MAX_MESSAGE);
        subscribers.join(session);
    }

    @OnMessage
    public void message(String text) {
        try {
            JsonObject m = Json.createReader(new StringReader(text)).readObject();
            String camera = m.getString("camera", null);
            if (!"telemetry".equals(m.getString("type", null)) || camera == null || stations.camera(camera).isEmpty()) {
                return; // not for a camera we know: ignore rather than grow a map from client input
            }
            telemetry.report(camera, number(m, "latency"), number(m, "partLoad"), Math.round(orZero(number(m, "stalls"))));
        } catch (JsonException | ClassCastException e) {
            // a malformed report is dropped; the socket stays open
        }
    }

    @OnClose
    public void close(Session session) {
        subscribers.leave(session);
    }

    @OnError
    public void error(Session session, Throwable error) {
        subscribers.leave(session);
    }

    private static Double number(JsonObject m, String key) {
        return m.get(key) instanceof JsonNumber n ? n.doubleValue() : null;
    }

    private static double orZero(Double d) {
        return d == null ? 0 : d;
    }
}
