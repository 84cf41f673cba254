package org.fieldcast.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.fieldcast.testing.Chromium;
import org.fieldcast.testing.FieldcastServer;

/** The health WebSocket with many clients, and what players report coming out as metrics. */
class HealthSocketIT {
    static final String CAMERA = "demo-ptz-1";
    final FieldcastServer server = FieldcastServer.demo();

    @Test
    void twoHundredSubscribersGetEveryCameraAndOneThatStopsReadingDelaysNoOther() throws Exception {
        URI ws = URI.create(server.baseUri().toString().replaceFirst("^http", "ws")).resolve("ws/health");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<Integer, Long> liveAt = new ConcurrentHashMap<>();
        Map<Integer, Integer> greeted = new ConcurrentHashMap<>();
        List<WebSocket> sockets = new ArrayList<>();
        // The slow one takes its first message and never asks for another.
        sockets.add(client.newWebSocketBuilder().buildAsync(ws, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket s, CharSequence data, boolean last) {
                return null;
            }
        }).join());
        for (int i = 0; i < 199; i++) {
            int id = i;
            sockets.add(client.newWebSocketBuilder().buildAsync(ws, new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket s, CharSequence data, boolean last) {
                    String text = data.toString();
                    if (text.contains("\"camera\":\"" + CAMERA + "\"")) {
                        greeted.merge(id, 1, Integer::sum);
                        if (text.contains("\"state\":\"LIVE\"")) {
                            liveAt.putIfAbsent(id, System.nanoTime());
                        }
                    }
                    s.request(1);
                    return null;
                }
            }).join());
        }
        awaitSize(greeted, 199, Duration.ofSeconds(20));

        server.get("hls/" + CAMERA + "/index.m3u8"); // a state change for everybody: the camera goes live
        awaitSize(liveAt, 199, Duration.ofSeconds(20));
        long first = liveAt.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = liveAt.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue((last - first) / 1e6 < 2000, "all 199 heard of it within " + (last - first) / 1e6 + " ms");
        sockets.forEach(s -> s.abort());
    }

    @Test
    void whatPlayersReportBecomesMetricsPerCamera() throws IOException {
        try (Chromium chromium = Chromium.start()) {
            chromium.driver().get(server.uri("embed.html?camera=" + CAMERA).toString());
            Pattern latency = Pattern.compile("fieldcast_player_latency_seconds\\{camera=\"" + CAMERA + "\"[^}]*} ([0-9.E-]+)");
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            double reported = 0;
            while (System.nanoTime() < deadline && reported <= 0) {
                sleep(2000);
                Matcher m = latency.matcher(server.getAsAdmin("metrics").body());
                reported = m.find() ? Double.parseDouble(m.group(1)) : 0;
            }
            assertTrue(reported > 0 && reported < 10, "hls.js's latency reached the metrics: " + reported);
            Object badge = chromium.js("return document.querySelector('[data-camera-state]').dataset.state;");
            assertEquals("LIVE", badge, "the badge follows the health socket");
        }
    }

    private static void awaitSize(Map<?, ?> map, int size, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (map.size() < size && System.nanoTime() < deadline) {
            sleep(100);
        }
        assertEquals(size, map.size(), "clients that got the message");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
