package org.fieldcast.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.fieldcast.sim.SimulatedCamera;
import org.fieldcast.sim.SimulatedCameraSpec;
import org.fieldcast.testing.FieldcastServer;
import org.fieldcast.testing.SimulatedSiteServer;

/** One pull whatever the number of viewers: 20 LL-HLS clients, one ffmpeg, one RTSP session at the camera. */
class HlsFanOutIT {
    static final String ID = "fan-fixed-1";

    @Test
    void twentyClientsShareOnePull() throws Exception {
        try (SimulatedSiteServer site = SimulatedSiteServer.start("fan",
                List.of(SimulatedCameraSpec.of(ID, "Fan-out camera", false).withPicture(320, 180, 25, 400)), Map.of())) {
            FieldcastServer server = site.server();
            SimulatedCamera camera = site.camera(0);
            long sessionsBefore = camera.totalRtspSessions();
            ExecutorService clients = Executors.newFixedThreadPool(20);
            Map<String, Integer> partSizes = new ConcurrentHashMap<>();
            List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Future<Integer>> fetched = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                fetched.add(clients.submit(() -> followLiveEdge(server, partSizes, failures)));
            }
            int parts = 0;
            for (Future<Integer> f : fetched) {
                parts += f.get();
            }
            clients.shutdown();
            assertEquals(List.of(), failures, "every playlist and part answered 200");
            // At least a part a second each; throughput under load is the benchmark's business, not this test's.
            assertTrue(parts >= 20 * 5, "each client followed the live edge part by part: " + parts);
            assertEquals(1, camera.totalRtspSessions() - sessionsBefore, "one RTSP session at the camera");
            assertEquals(1, server.ffmpegProcesses().size(), "one ffmpeg in Fieldcast");
        }
    }

    /** A client doing what LL-HLS players do for 5 s: block for the next part, then fetch the hinted one. */
    private static int followLiveEdge(FieldcastServer server, Map<String, Integer> sizes, List<String> failures) throws IOException {
        LiveEdge edge = LiveEdge.of(server.get("hls/" + ID + "/stream.m3u8").body());
        int count = 0;
        long end = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < end) {
            HttpResponse<byte[]> media = server.getBytes("hls/" + ID + "/" + edge.hintedUri());
            HttpResponse<String> reload = server.get("hls/" + ID + "/" + edge.blockingReload());
            if (reload.statusCode() != 200 || media.statusCode() != 200) {
                failures.add(edge + ": playlist " + reload.statusCode() + " " + reload.body() + ", part " + media.statusCode());
                return count;
            }
            Integer earlier = sizes.putIfAbsent(edge.hintedUri(), media.body().length);
            if (earlier != null && earlier != media.body().length) {
                failures.add(edge.hintedUri() + " differs between clients"); // all must get the same bytes
            }
            count++;
            edge = LiveEdge.of(reload.body());
        }
        return count;
    }
}
