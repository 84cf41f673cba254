package org.fieldcast.health.boundary;

import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.fieldcast.health.HealthSubscribers;
import org.fieldcast.health.PlayerTelemetry;
import org.fieldcast.health.TelemetryRate;
import org.fieldcast.health.TelemetryReport;
import org.fieldcast.limits.ClientSockets;
import org.fieldcast.limits.WatchedCameras;
import org.fieldcast.station.StationDirectory;
/**
 * {@code /ws/health}: on connect the state of every camera, then only changes (state, mode, fps,
 * bit rate, viewers, age of the last frame, reconnects, last error). Players send telemetry back on
 * the same socket: {@code {"type":"telemetry","camera":"id","latency":0.8,"partLoad":0.05,"stalls":0}}.
 * It counts only when the socket's client address is playing that camera over HLS, with figures a
 * player can produce ({@link TelemetryReport}), and at most {@code fieldcast.health.telemetry-rate}
 * reports a second per camera; anything else is dropped silently, as a player has no use for an answer.
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

    @Inject
    ClientSockets sockets;

    @Inject
    WatchedCameras watched;

    /** This socket's own allowance: one endpoint instance per connection. */
    private TelemetryRate rate;

    @OnOpen
    public void open(Session session) {
        if (!sockets.admit(session)) {
            return;
        }
        session.setMaxTextMessageBufferSize(MAX_MESSAGE);
        rate = new TelemetryRate(telemetry.ratePerSecond(), System::nanoTime);
        subscribers.join(session);
    }

    @OnMessage
    public void message(Session session, String text) {
        TelemetryReport.parse(text).filter(r -> accepted(session, r)).ifPresent(telemetry::report);
    }

    /** The camera exists (so the rate's map grows only with real cameras), this client plays it, and the rate allows. */
    private boolean accepted(Session session, TelemetryReport report) {
        return rate != null && stations.camera(report.camera()).isPresent()
                && watched.watching(sockets.client(session), report.camera()) && rate.allow(report.camera());
    }

    @OnClose
    public void close(Session session) {
        subscribers.leave(session);
        sockets.leave(session);
    }

    @OnError
    public void error(Session session, Throwable error) {
        subscribers.leave(session);
        sockets.leave(session);
    }
}
