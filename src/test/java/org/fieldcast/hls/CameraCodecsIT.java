package org.fieldcast.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.fieldcast.testing.FfmpegClient;
import org.fieldcast.testing.FieldcastServer;
import org.fieldcast.testing.GstreamerCamera;

/**
 * Cameras that Fieldcast did not write (GStreamer's RTSP server) with other codecs than the
 * simulator's: H.265, passed through as hvc1 or re-encoded to H.264 when the station entry says
 * {@code "video":"h264"}; AAC audio, copied without being asked for; G.711 audio, dropped unless the
 * entry says {@code "audio":"aac"}.
 */
class CameraCodecsIT {
    static GstreamerCamera camera;
    static FieldcastServer server;

    @BeforeAll
    static void start() throws IOException {
        camera = GstreamerCamera.start();
        server = FieldcastServer.onStations("""
                {"sites":[{"id":"codec-site","name":"Codec site","cameras":[
                  {"id":"hevc-copy","name":"H.265 as it is","host":"127.0.0.1","rtspPort":%1$d,"rtspPath":"/h265"},
                  {"id":"hevc-h264","name":"H.265 for browsers","host":"127.0.0.1","rtspPort":%1$d,"rtspPath":"/h265","video":"h264"},
                  {"id":"aac-auto","name":"AAC","host":"127.0.0.1","rtspPort":%1$d,"rtspPath":"/aac"},
                  {"id":"pcma-auto","name":"G.711","host":"127.0.0.1","rtspPort":%1$d,"rtspPath":"/pcma"},
                  {"id":"pcma-aac","name":"G.711 to AAC","host":"127.0.0.1","rtspPort":%1$d,"rtspPath":"/pcma","audio":"aac"}
                ]}]}
                """.formatted(camera.port()), Map.of());
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (camera != null) {
            camera.close();
        }
    }

    @Test
    void passesH265ThroughAsHvc1() throws Exception {
        assertTrue(multivariant("hevc-copy").contains("CODECS=\"hvc1.1."), "Main profile, as cameras send");
        assertEquals(List.of("hevc"), codecs("hevc-copy"));

        var snapshot = server.getBytes("mjpeg/hevc-copy/snapshot.jpg");
        assertEquals(200, snapshot.statusCode(), () -> new String(snapshot.body(), StandardCharsets.UTF_8));
        assertEquals("image/jpeg", snapshot.headers().firstValue("content-type").orElse(""));
    }

    @Test
    void reencodesToH264WhenTheStationSaysSo() throws Exception {
        assertTrue(multivariant("hevc-h264").contains("CODECS=\"avc1."));
        assertEquals(List.of("h264"), codecs("hevc-h264"));
        decodesCleanly("hevc-h264");
    }

    @Test
    void aacIsCopiedWithoutBeingAskedFor() throws Exception {
        assertTrue(multivariant("aac-auto").contains("mp4a.40.2"));
        assertEquals(List.of("h264", "aac"), codecs("aac-auto"));
        decodesCleanly("aac-auto");
    }

    @Test
    void otherAudioIsDroppedByDefault() throws Exception {
        assertFalse(multivariant("pcma-auto").contains("mp4a"));
        assertEquals(List.of("h264"), codecs("pcma-auto"));
    }

    @Test
    void otherAudioIsTranscodedToAacWhenTheStationSaysSo() throws Exception {
        assertTrue(multivariant("pcma-aac").contains("mp4a.40.2"));
        assertEquals(List.of("h264", "aac"), codecs("pcma-aac"));
    }

    private static String multivariant(String cameraId) throws IOException {
        var r = server.get("hls/" + cameraId + "/index.m3u8");
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static void decodesCleanly(String cameraId) {
        FfmpegClient.Result r = FfmpegClient.decode(server.uri("hls/" + cameraId + "/index.m3u8").toString(), 2.5);
        assertTrue(r.clean(), "ffmpeg: exit " + r.exit() + "\n" + r.errors());
    }

    /** The codecs ffprobe finds in the camera's LL-HLS stream, video first. */
    private static List<String> codecs(String cameraId) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("ffprobe", "-v", "error", "-show_entries", "stream=codec_name",
                "-of", "csv=p=0", server.uri("hls/" + cameraId + "/index.m3u8").toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        // HLS lists its program's streams twice
        return out.lines().map(String::trim).filter(l -> !l.isEmpty()).distinct().toList();
    }
}
