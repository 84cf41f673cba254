package org.fieldcast.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.fieldcast.testing.FfmpegClient;
import org.fieldcast.testing.FieldcastServer;

/** The embedded default end to end: simulated Bosch cameras, real ffmpeg pulls, LL-HLS out. */
class DemoHlsIT {

    final FieldcastServer server = FieldcastServer.demo();

    @Test
    void listsTheDemoCamerasWithoutCredentials() throws IOException {
        HttpResponse<String> r = server.get("api/cameras");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"type\":\"PTZ\"") && r.body().contains("\"type\":\"FIXED\""), r.body());
        assertTrue(r.body().contains("\"hls\":\"hls/demo-fixed-1/index.m3u8\""), r.body());
        for (String secret : new String[] {"fieldcast-demo", "password", "username", "rtsp://"}) {
            assertFalse(r.body().contains(secret), "the camera list must not show " + secret);
        }
    }

    @Test
    void ffmpegDecodesTwoSecondsOfOurPlaylistWithoutErrors() {
        FfmpegClient.Result r = FfmpegClient.decode(server.uri("hls/demo-fixed-1/index.m3u8").toString(), 2.5);
        assertTrue(r.clean(), "ffmpeg: exit " + r.exit() + "\n" + r.errors());
    }

    @Test
    void blockingReloadWaitsForTheNextPartAndRefusesTooFarAhead() throws IOException {
        LiveEdge edge = LiveEdge.of(server.get("hls/demo-ptz-1/stream.m3u8").body());

        long start = System.nanoTime();
        HttpResponse<String> held = server.get("hls/demo-ptz-1/" + edge.blockingReload());
        assertEquals(200, held.statusCode());
        assertTrue(held.body().contains("URI=\"" + edge.hintedUri() + "\""), "the held playlist lists the part it waited for");
        assertTrue((System.nanoTime() - start) / 1e9 < 3, "answered within three target durations");

        String nextHint = LiveEdge.of(held.body()).hintedUri();
        HttpResponse<byte[]> hinted = server.getBytes("hls/demo-ptz-1/" + nextHint);
        assertEquals(200, hinted.statusCode(), "the hinted part is held until complete, then served");
        assertEquals("public, max-age=31536000, immutable", hinted.headers().firstValue("Cache-Control").orElse(""));

        assertEquals(400, server.get("hls/demo-ptz-1/stream.m3u8?_HLS_msn=" + (edge.msn() + 5)).statusCode());
        assertEquals(400, server.get("hls/demo-ptz-1/stream.m3u8?_HLS_msn=x").statusCode());
        assertEquals("no-cache", server.get("hls/demo-ptz-1/stream.m3u8").headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void unknownThingsGetTheOneErrorShape() throws IOException {
        HttpResponse<String> camera = server.get("hls/no-such-camera/index.m3u8");
        assertEquals(404, camera.statusCode());
        assertEquals("{\"status\":404,\"error\":\"no camera 'no-such-camera'\"}", camera.body());
        HttpResponse<String> api = server.get("api/cameras/no-such-camera");
        assertEquals(404, api.statusCode());
        assertEquals(camera.body(), api.body());
        assertEquals(404, server.get("hls/demo-ptz-1/seg-1.m4s").statusCode());
    }

    @Test
    void theCameraShowsLiveWhileWatched() throws IOException {
        server.get("hls/demo-fixed-1/index.m3u8");
        String camera = server.get("api/cameras/demo-fixed-1").body();
        assertTrue(camera.contains("\"state\":\"LIVE\""), camera);
    }
}
