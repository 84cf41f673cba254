package org.fieldcast.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.fieldcast.testing.Chromium;
/**
 * Headless Chromium on the probe page ({@code bench/probe.html}): each {@link #join} is a fresh page
 * load that attaches one source and reports every presented frame's glass-to-glass latency.
 */
final class Probe implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(500);

    private final Chromium chromium;
    private final URI page;

    private Probe(Chromium chromium, URI page) {
        this.chromium = chromium;
        this.page = page;
    }

    static Probe start(BenchSite site) {
        return new Probe(Chromium.start(), site.baseUri().resolve("bench/probe.html"));
    }

    /**
     * What one fresh join showed.
     *
     * @param firstFrameMillis from attaching the source to the first presented frame; NaN if none came
     * @param fromNavigationMillis from the start of the page load to the first presented frame
     * @param latencies glass-to-glass of every presented frame, in milliseconds
     * @param presentedAt when each of those frames was presented, epoch milliseconds
     * @param sinceFieldcast for WebSocket frames: from Fieldcast's receipt of the frame to its presentation
     * @param skipped frames the camera made that the page never presented
     * @param player hls.js's own view, sampled while playing: {@code latency}, {@code targetLatency} (seconds),
     *               {@code bufferedAhead} (seconds), {@code parts} (LL-HLS parts it sees; 0 = plain HLS)
     */
    record Join(double firstFrameMillis, double fromNavigationMillis, List<Double> latencies, List<Double> presentedAt,
                List<Double> sinceFieldcast,
                long frames, long skipped, long unreadable, List<String> errors, Map<String, Distribution> player) {
        boolean played() {
            return !Double.isNaN(firstFrameMillis);
        }
    }

    /**
     * Loads the page for one source, waits for its first frame, then records for {@code play}.
     *
     * @param options e.g. {@code camera} and {@code profile} for WebSocket frames, {@code cors=1} for an image from another origin
     */
    Join join(String mode, String src, Map<String, String> options, Duration play, Duration firstFrameTimeout) {
        chromium.driver().get("about:blank"); // the previous player and its connections are gone
        StringBuilder url = new StringBuilder(page.toString()).append("?mode=").append(mode).append("&src=").append(encode(src));
        options.forEach((k, v) -> url.append('&').append(k).append('=').append(encode(v)));
        chromium.driver().get(url.toString());
        List<Double> latencies = new ArrayList<>();
        List<Double> presentedAt = new ArrayList<>();
        List<Double> sinceFieldcast = new ArrayList<>();
        long deadline = System.nanoTime() + firstFrameTimeout.toNanos();
        long end = Long.MAX_VALUE;
        Map<String, Object> state = Map.of();
        Map<String, List<Double>> player = new java.util.TreeMap<>();
        while (System.nanoTime() < Math.min(deadline, end)) {
            Processes.sleep(POLL.toMillis());
            state = drain();
            collect(state, latencies, presentedAt, sinceFieldcast);
            if (end != Long.MAX_VALUE && state.get("player") instanceof Map<?, ?> p) {
                p.forEach((k, v) -> {
                    if (v instanceof Number n) {
                        player.computeIfAbsent(String.valueOf(k), x -> new ArrayList<>()).add(n.doubleValue());
                    }
                });
            }
            if (end == Long.MAX_VALUE && state.get("firstFrameAt") != null) {
                end = System.nanoTime() + play.toNanos();
                deadline = Long.MAX_VALUE;
            }
        }
        chromium.driver().get("about:blank");
        return new Join(millisBetween(state.get("attachedAt"), state.get("firstFrameAt")),
                number(state.get("firstFrameAt")), latencies, presentedAt, sinceFieldcast, whole(state.get("frames")),
                whole(state.get("skipped")), whole(state.get("unreadable")), errors(state.get("errors")),
                player.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> Distribution.of(e.getValue()))));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> drain() {
        Object r = chromium.js("return window.fieldcastProbe ? window.fieldcastProbe.drain() : null;");
        return r == null ? Map.of() : (Map<String, Object>) r;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Map<String, Object> state, List<Double> latencies, List<Double> presentedAt,
                                List<Double> sinceFieldcast) {
        Object samples = state.get("samples");
        if (!(samples instanceof List<?> list)) {
            return;
        }
        for (Object s : list) {
            List<Number> sample = (List<Number>) s;
            latencies.add(sample.get(0).doubleValue());
            presentedAt.add(sample.get(1).doubleValue());
            double fieldcastAt = sample.get(2).doubleValue();
            if (fieldcastAt > 0) {
                sinceFieldcast.add(sample.get(1).doubleValue() - fieldcastAt);
            }
        }
    }

    private static double millisBetween(Object from, Object to) {
        return from == null || to == null ? Double.NaN : number(to) - number(from);
    }

    private static double number(Object n) {
        return n instanceof Number x ? x.doubleValue() : Double.NaN;
    }

    private static long whole(Object n) {
        return n instanceof Number x ? x.longValue() : 0;
    }

    private static List<String> errors(Object list) {
        return list instanceof List<?> l ? l.stream().map(String::valueOf).collect(Collectors.toList()) : List.of();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        chromium.close();
    }
}
