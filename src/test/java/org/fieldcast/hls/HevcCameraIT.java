package org.fieldcast.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fieldcast.testing.FfmpegClient;
import org.fieldcast.testing.FieldcastServer;
import org.fieldcast.testing.GstreamerCamera;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An H.265 camera (GStreamer's RTSP server with x265): passed through as hvc1 for players that
 * decode it, or re-encoded to H.264 when its station entry says {@code "video":"h264"}, for
 * browsers that do not. Its sub-second path decodes the H.265 from ffmpeg's fragments.
 */
class HevcCameraIT {
    static GstreamerCamera camera;
    static FieldcastServer server;
    static Path stations;

    @BeforeAll
    static void start() throws IOException {
        camera = GstreamerCamera.start();
        stations = Files.createTempFile("stations-", ".json");
        Files.writeString(stations, """
                {"sites":[{"id":"hevc-site","name":"H.265 site","cameras":[
                  {"id":"hevc-copy","name":"H.265 as it is","host":"127.0.0.1","rtspPort":%d,"rtspPath":"/h265"},
                  {"id":"hevc-h264","name":"H.265 for browsers","host":"127.0.0.1","rtspPort":%d,"rtspPath":"/h265","video":"h264"}
                ]}]}
                """.formatted(camera.port(), camera.port()));
        server = FieldcastServer.start(Map.of("FIELDCAST_STATIONS_FILE", stations.toString(), "FIELDCAST_DEMO_ENABLED", "false"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (camera != null) {
            camera.close();
        }
        Files.deleteIfExists(stations);
    }

    @Test
    void passesH265ThroughAsHvc1() throws Exception {
        String multivariant = server.get("hls/hevc-copy/index.m3u8").body();
        assertTrue(multivariant.contains("CODECS=\"hvc1.1."), multivariant); // Main profile, as cameras send
        assertEquals("hevc", probeCodec("hls/hevc-copy/index.m3u8"));

        var snapshot = server.getBytes("mjpeg/hevc-copy/snapshot.jpg");
        assertEquals(200, snapshot.statusCode(), () -> new String(snapshot.body(), StandardCharsets.UTF_8));
        assertEquals("image/jpeg", snapshot.headers().firstValue("content-type").orElse(""));
    }

    @Test
    void reencodesToH264WhenTheStationSaysSo() throws Exception {
        String multivariant = server.get("hls/hevc-h264/index.m3u8").body();
        assertTrue(multivariant.contains("CODECS=\"avc1."), multivariant);
        assertEquals("h264", probeCodec("hls/hevc-h264/index.m3u8"));
        FfmpegClient.Result r = FfmpegClient.decode(server.uri("hls/hevc-h264/index.m3u8").toString(), 2.5);
        assertTrue(r.clean(), "ffmpeg: exit " + r.exit() + "\n" + r.errors());
    }

    private static String probeCodec(String path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=codec_name", "-of", "default=noprint_wrappers=1:nokey=1", server.uri(path).toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out.lines().reduce((a, b) -> b).orElse("");
    }
}
