package org.fieldcast.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fieldcast.hls.LiveEdge;

/**
 * An LL-HLS client following one camera's live edge on one node, as a player does: fetch the hinted
 * part, then the blocking reload; on any error, the playlist again after a short pause. It keeps the
 * node's address, not the node, so it goes on by itself when its node is restarted on the same ports.
 * One thread of its own, ended by {@link #close()}.
 */
final class ClusterViewer implements AutoCloseable {
    /** Short, so a fail-over is seen within this much of the first part the node can give. */
    private static final long RETRY_MILLIS = 100;

    private final URI camera;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final List<Long> arrivals = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String lastError = "";

    private ClusterViewer(URI node, String cameraId) {
        this.camera = node.resolve("hls/" + cameraId + "/");
        this.thread = new Thread(this::follow, "cluster-viewer " + node.getPort());
        thread.setDaemon(true);
    }

    static ClusterViewer start(URI node, String cameraId) {
        ClusterViewer v = new ClusterViewer(node, cameraId);
        v.thread.start();
        return v;
    }

    /** The {@link System#nanoTime()} of each part's arrival so far. */
    synchronized List<Long> arrivals() {
        return List.copyOf(arrivals);
    }

    synchronized long parts() {
        return arrivals.size();
    }

    synchronized long lastPartNanos() {
        return arrivals.isEmpty() ? Long.MIN_VALUE : arrivals.get(arrivals.size() - 1);
    }

    private void follow() {
        LiveEdge edge = null;
        while (running) {
            try {
                if (edge == null) {
                    HttpResponse<String> playlist = get("stream.m3u8", HttpResponse.BodyHandlers.ofString());
                    if (playlist.statusCode() != 200) {
                        fail("playlist " + playlist.statusCode());
                        continue;
                    }
                    edge = LiveEdge.of(playlist.body());
                }
                HttpResponse<byte[]> part = get(edge.hintedUri(), HttpResponse.BodyHandlers.ofByteArray());
                long arrived = System.nanoTime();
                HttpResponse<String> reload = get(edge.blockingReload(), HttpResponse.BodyHandlers.ofString());
                if (part.statusCode() != 200 || reload.statusCode() != 200) {
                    fail("part " + part.statusCode() + ", reload " + reload.statusCode());
                    edge = null;
                    continue;
                }
                synchronized (this) {
                    arrivals.add(arrived);
                }
                edge = LiveEdge.of(reload.body());
            } catch (Exception | AssertionError e) {
                // A dead node, a playlist between owners: start from the playlist again, as hls.js would.
                edge = null;
                fail(e.toString());
            }
        }
    }

    private <T> HttpResponse<T> get(String path, HttpResponse.BodyHandler<T> body) throws Exception {
        return http.send(HttpRequest.newBuilder(camera.resolve(path)).timeout(Duration.ofSeconds(10)).build(), body);
    }

    private void fail(String why) {
        lastError = why;
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt(); // the JDK 17 client has no close: its selector thread ends once the client is unreachable
    }

    @Override
    public String toString() {
        long last = lastPartNanos();
        String age = last == Long.MIN_VALUE ? "none yet" : String.format(java.util.Locale.ROOT, "%.1f s ago", (System.nanoTime() - last) / 1e9);
        return camera + ": " + parts() + " parts, the last " + age + ", last error " + lastError;
    }
}
