package org.fieldcast.bench;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One viewer of the {@code /ws/mse} socket on the JDK's WebSocket client: subscribes to one camera's
 * stream and keeps, for every binary message, when it arrived, the server's stamp and its size. It reads
 * as fast as messages come, or, when throttled, asks for the next message only a while after the last
 * one: the client's reads pause, the socket's buffers fill, and the server sees a slow viewer.
 */
final class MseClient implements WebSocket.Listener, AutoCloseable {
    /**
     * @param atMillis     epoch ms when the whole message had arrived
     * @param serverMillis the message's stamp: when the picture was complete at the server (same clock)
     */
    record Arrival(long atMillis, long serverMillis, int bytes, boolean init, boolean keyframe) {
        double delayMillis() {
            return atMillis - serverMillis;
        }
    }

    private final ScheduledExecutorService pacer;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream(); // the header; the rest is only counted
    private int messageBytes;
    private final StringBuilder text = new StringBuilder();
    private final List<Arrival> arrivals = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private volatile long pauseMillis;
    private long dropped;
    private long textBytes;
    private WebSocket socket;

    private MseClient(ScheduledExecutorService pacer) {
        this.pacer = pacer;
    }

    /** Opens the socket and subscribes; the pacer runs the throttled reads. */
    static MseClient open(HttpClient http, URI ws, String camera, String stream, ScheduledExecutorService pacer) throws Exception {
        MseClient viewer = new MseClient(pacer);
        viewer.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(ws, viewer).get(10, TimeUnit.SECONDS);
        viewer.socket.sendText(MseMessage.subscribe(camera, stream), true).get(5, TimeUnit.SECONDS);
        return viewer;
    }

    /** From now on, the next message is asked for this long after the last one arrived; 0: at once. */
    void pauseBetweenMessages(Duration pause) {
        pauseMillis = pause.toMillis();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        long now = System.currentTimeMillis();
        synchronized (this) {
            messageBytes += data.remaining();
            int keep = Math.min(data.remaining(), MseMessage.HEADER_MAX - head.size());
            if (keep > 0) {
                byte[] b = new byte[keep];
                data.get(b);
                head.write(b, 0, keep);
            }
            if (last) {
                MseMessage m;
                try {
                    m = MseMessage.parse(head.toByteArray(), messageBytes);
                    arrivals.add(new Arrival(now, m.serverMillis(), m.totalBytes(), m.kind() == MseMessage.Kind.INIT, m.keyframe()));
                } catch (IllegalArgumentException e) {
                    notices.add("unreadable binary message: " + e.getMessage());
                }
                head.reset();
                messageBytes = 0;
            }
        }
        long pause = pauseMillis;
        if (last && pause > 0) {
            pacer.schedule(() -> webSocket.request(1), pause, TimeUnit.MILLISECONDS);
        } else {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public synchronized CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        textBytes += data.length(); // the notices are ASCII
        if (last) {
            String notice = text.toString();
            text.setLength(0);
            dropped += MseMessage.droppedIn(notice);
            if (notice.contains("\"error\"") || notices.size() < 20) {
                notices.add(notice);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public synchronized void onError(WebSocket webSocket, Throwable error) {
        notices.add("socket error: " + error);
    }

    synchronized List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    /** The binary messages that arrived in [fromMillis, toMillis). */
    synchronized List<Arrival> arrivals(long fromMillis, long toMillis) {
        return arrivals.stream().filter(a -> a.atMillis() >= fromMillis && a.atMillis() < toMillis).toList();
    }

    /** Fragments the server said it dropped for this viewer ({@code {"dropped":N}} notices), so far. */
    synchronized long dropped() {
        return dropped;
    }

    synchronized long textBytes() {
        return textBytes;
    }

    synchronized List<String> notices() {
        return new ArrayList<>(notices);
    }

    synchronized boolean failed() {
        return notices.stream().anyMatch(n -> n.startsWith("socket error") || n.contains("\"error\""));
    }

    /**
     * How long after {@code fromMillis} the viewer's delivery delay came back under {@code limitMillis} for
     * good: from then to the arrival of the first fragment after it from which every later one, up to
     * {@code untilMillis}, is under the limit. 0 if none after it was over; NaN if the last one still was,
     * or none arrived.
     */
    static double recoveryMillis(List<Arrival> arrivals, long fromMillis, long untilMillis, double limitMillis) {
        List<Arrival> after = arrivals.stream().filter(a -> !a.init() && a.atMillis() >= fromMillis && a.atMillis() < untilMillis).toList();
        int lastOver = -1;
        for (int i = 0; i < after.size(); i++) {
            if (after.get(i).delayMillis() >= limitMillis) {
                lastOver = i;
            }
        }
        if (after.isEmpty() || lastOver == after.size() - 1) {
            return Double.NaN;
        }
        return lastOver < 0 ? 0 : after.get(lastOver + 1).atMillis() - fromMillis;
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "leaving").get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // cut below either way
        }
        socket.abort();
    }
}
