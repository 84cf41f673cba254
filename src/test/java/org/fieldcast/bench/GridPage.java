package org.fieldcast.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fieldcast.testing.Chromium;
/**
 * A dashboard of LL-HLS tiles in one Chromium ({@code bench/grid-probe.html}): every tile's presented
 * frames with their glass-to-glass latency, and the protocols the page's requests used.
 */
final class GridPage {
    /**
     * One tile while recorded: its latencies (ms), hls.js's own latency samples (s), frames presented and
     * skipped, when it showed its first frame after attaching (ms, NaN: none yet), and the size of the
     * picture it plays ("640x360"; empty before its first frame).
     */
    record Tile(List<Double> latencies, List<Double> playerLatencies, double firstFrameMillis, long frames, long skipped,
                long unreadable, String state, String size) {
    }

    private final Chromium chromium;
    private final List<List<Double>> latencies = new ArrayList<>();
    private final List<List<Double>> playerLatencies = new ArrayList<>();
    private long[] framesAtStart;
    private long[] skippedAtStart;
    private final Map<String, Long> protocols = new TreeMap<>();
    private final List<String> errors = new ArrayList<>();
    private List<Map<String, Object>> lastTiles = List.of();
    private boolean recording;

    private GridPage(Chromium chromium, int tiles) {
        this.chromium = chromium;
        for (int i = 0; i < tiles; i++) {
            latencies.add(new ArrayList<>());
            playerLatencies.add(new ArrayList<>());
        }
    }

    /** Opens the grid page on these playlists in the browser. */
    static GridPage open(Chromium chromium, BenchSite site, List<URI> playlists) {
        StringBuilder url = new StringBuilder(site.baseUri().resolve("bench/grid-probe.html").toString()).append("?fps=25");
        playlists.forEach(p -> url.append("&src=").append(URLEncoder.encode(p.toString(), StandardCharsets.UTF_8)));
        chromium.driver().get(url.toString());
        return new GridPage(chromium, playlists.size());
    }

    /** Opens the grid page with a tile per camera, each an MSE player of that stream, all on one socket. */
    static GridPage openMse(Chromium chromium, BenchSite site, URI socket, List<String> cameras, String stream) {
        StringBuilder url = new StringBuilder(site.baseUri().resolve("bench/grid-probe.html").toString())
                .append("?fps=25&mode=mse&stream=").append(stream)
                .append("&socket=").append(URLEncoder.encode(socket.toString(), StandardCharsets.UTF_8));
        cameras.forEach(c -> url.append("&camera=").append(URLEncoder.encode(c, StandardCharsets.UTF_8)));
        chromium.driver().get(url.toString());
        return new GridPage(chromium, cameras.size());
    }

    /** From now on, polled samples count; before, they are drained and dropped (the player settling). */
    void record() {
        poll();
        recording = true;
        latencies.forEach(List::clear);
        framesAtStart = lastTiles.stream().mapToLong(t -> whole(t.get("frames"))).toArray();
        skippedAtStart = lastTiles.stream().mapToLong(t -> whole(t.get("skipped"))).toArray();
    }

    /** Takes what the page gathered since the last poll. */
    @SuppressWarnings("unchecked")
    void poll() {
        Object r = chromium.js("return window.fieldcastGrid ? window.fieldcastGrid.drain() : null;");
        if (!(r instanceof Map<?, ?> state)) {
            return;
        }
        lastTiles = (List<Map<String, Object>>) state.get("tiles");
        for (int i = 0; i < lastTiles.size() && recording; i++) {
            for (Object s : (List<Object>) lastTiles.get(i).get("samples")) {
                latencies.get(i).add(((List<Number>) s).get(0).doubleValue());
            }
            if (lastTiles.get(i).get("playerLatency") instanceof Number n) {
                playerLatencies.get(i).add(n.doubleValue());
            }
        }
        protocols.clear();
        ((Map<String, Object>) state.get("protocols")).forEach((k, v) -> protocols.put(k, ((Number) v).longValue()));
        ((List<Object>) state.get("errors")).forEach(e -> errors.add(String.valueOf(e)));
    }

    /** Whether every tile has shown a frame. */
    boolean allPlaying() {
        return !lastTiles.isEmpty() && lastTiles.stream().allMatch(t -> t.get("firstFrameAt") != null);
    }

    List<Tile> tiles() {
        List<Tile> out = new ArrayList<>();
        for (int i = 0; i < lastTiles.size(); i++) {
            Map<String, Object> t = lastTiles.get(i);
            long frames = whole(t.get("frames")) - (framesAtStart == null || i >= framesAtStart.length ? 0 : framesAtStart[i]);
            long skipped = whole(t.get("skipped")) - (skippedAtStart == null || i >= skippedAtStart.length ? 0 : skippedAtStart[i]);
            out.add(new Tile(List.copyOf(latencies.get(i)), List.copyOf(playerLatencies.get(i)),
                    between(t.get("attachedAt"), t.get("firstFrameAt")), frames, skipped, whole(t.get("unreadable")),
                    String.valueOf(t.get("state")), t.get("size") == null ? "" : String.valueOf(t.get("size"))));
        }
        return out;
    }

    /** Requests to Fieldcast by Resource Timing's nextHopProtocol ("h2", "http/1.1"). */
    Map<String, Long> protocols() {
        return Map.copyOf(protocols);
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    private static double between(Object from, Object to) {
        return from instanceof Number f && to instanceof Number t ? t.doubleValue() - f.doubleValue() : Double.NaN;
    }

    private static long whole(Object n) {
        return n instanceof Number x ? x.longValue() : 0;
    }
}
