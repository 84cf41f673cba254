package org.fieldcast.health;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fieldcast.station.StationDirectory;
import org.fieldcast.stream.CameraStreams;
import org.fieldcast.stream.StreamHealth;
/** Every open health WebSocket; hands each stream change to all of them without waiting for any. */
@ApplicationScoped
public class HealthSubscribers {

    @Inject
    CameraStreams streams;

    @Inject
    StationDirectory directory;

    private final Map<String, HealthSubscriber> subscribers = new ConcurrentHashMap<>();

    /** A new client gets the state of every camera at once. */
    public void join(Session session) {
        HealthSubscriber subscriber = new HealthSubscriber(session);
        subscribers.put(session.getId(), subscriber);
        streams.health().stream().filter(h -> sees(subscriber, h.camera()))
                .forEach(h -> subscriber.offer(h.camera(), HealthJson.of(h)));
    }

    public void leave(Session session) {
        subscribers.remove(session.getId());
    }

    /** Called under the stream's lock: it only queues. */
    void onChange(@Observes StreamHealth health) {
        String json = HealthJson.of(health);
        subscribers.values().stream().filter(s -> sees(s, health.camera())).forEach(s -> s.offer(health.camera(), json));
    }

    /** Each client hears only of the cameras its caller may see (the scope of its handshake's principal). */
    private boolean sees(HealthSubscriber subscriber, String camera) {
        return directory.camera(camera).map(subscriber.scope()::sees).orElse(false);
    }

    public int count() {
        return subscribers.size();
    }

    /** Shutdown: a clean end for every client (1001 Going Away), so players know to reconnect later. */
    @PreDestroy
    void closeAll() {
        for (HealthSubscriber s : subscribers.values()) {
            try {
                s.session().close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "Fieldcast is shutting down"));
            } catch (IOException | RuntimeException e) {
                // the client is gone already
            }
        }
        subscribers.clear();
    }
}
