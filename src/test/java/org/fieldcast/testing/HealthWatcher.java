package org.fieldcast.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A client of {@code /ws/health} (the JDK's WebSocket) that keeps every message it receives, with its arrival time. */
public final class HealthWatcher implements AutoCloseable {

    /** One message and when it arrived (System.nanoTime). */
    public record Event(long nanos, JsonObject json) {
        public String state() {
            return json.getString("state", "");
        }

        public String reason() {
            return json.getString("reason", "");
        }
    }

    private final List<Event> events = new ArrayList<>();
    private final WebSocket socket;
    private final StringBuilder partial = new StringBuilder();

    public HealthWatcher(URI base) {
        URI ws = URI.create(base.toString().replaceFirst("^http", "ws")).resolve("ws/health");
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(ws, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            JsonObject json = Json.createReader(new StringReader(partial.toString())).readObject();
                            partial.setLength(0);
                            synchronized (events) {
                                events.add(new Event(System.nanoTime(), json));
                                events.notifyAll();
                            }
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).join();
    }

    /** Waits for a message about {@code camera} that arrived after {@code afterNanos} and matches. */
    public Event await(String camera, long afterNanos, Predicate<Event> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (true) {
                for (Event e : events) {
                    if (e.nanos() >= afterNanos && camera.equals(e.json().getString("camera", "")) && match.test(e)) {
                        return e;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no health message for " + camera + " matched within " + timeout
                            + "; received: " + summary(camera));
                }
                try {
                    events.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(ex);
                }
            }
        }
    }

    public Event awaitState(String camera, long afterNanos, String state, Duration timeout) {
        return await(camera, afterNanos, e -> e.state().equals(state), timeout);
    }

    public List<Event> events(String camera) {
        synchronized (events) {
            return events.stream().filter(e -> camera.equals(e.json().getString("camera", ""))).toList();
        }
    }

    private String summary(String camera) {
        return events(camera).stream().map(e -> e.state() + "(" + e.reason() + ")").toList().toString();
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
}
