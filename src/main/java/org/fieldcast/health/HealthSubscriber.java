package org.fieldcast.health;

import jakarta.websocket.Session;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fieldcast.station.CameraScope;

/**
 * One health WebSocket client. At most one message is in flight; what changes meanwhile waits as the
 * latest JSON per camera, so a slow client costs at most one pending message per camera and never
 * delays the others.
 */
final class HealthSubscriber {
    private static final Logger LOG = Logger.getLogger(HealthSubscriber.class.getName());

    private final Session session;
    private final Map<String, String> pending = new LinkedHashMap<>();
    private boolean sending;

    private final CameraScope scope;

    HealthSubscriber(Session session) {
        this.scope = CameraScope.of(session.getUserPrincipal());
        this.session = session;
    }

    CameraScope scope() {
        return scope;
    }

    Session session() {
        return session;
    }

    void offer(String camera, String json) {
        synchronized (this) {
            pending.remove(camera); // re-insert: the order follows the latest change
            pending.put(camera, json);
            if (sending) {
                return;
            }
            sending = true;
        }
        sendNext();
    }

    private void sendNext() {
        String next;
        synchronized (this) {
            var first = pending.entrySet().stream().findFirst();
            if (first.isEmpty() || !session.isOpen()) {
                sending = false;
                return;
            }
            next = pending.remove(first.get().getKey());
        }
        session.getAsyncRemote().sendText(next, result -> {
            if (!result.isOK()) {
                LOG.log(Level.FINE, "health message not delivered; closing the session", result.getException());
                closeQuietly();
                synchronized (this) {
                    pending.clear();
                    sending = false;
                }
                return;
            }
            sendNext();
        });
    }

    void closeQuietly() {
        try {
            session.close();
        } catch (IOException | RuntimeException e) {
            // already gone
        }
    }

    synchronized int pendingCount() {
        return pending.size();
    }
}
