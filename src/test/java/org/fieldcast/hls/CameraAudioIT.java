package org.fieldcast.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * Cameras with audio (GStreamer's RTSP server): AAC is copied without being asked for, G.711 is
 * dropped unless the station entry says {@code "audio":"aac"}, and then transcoded.
 */
class CameraAudioIT {
    static GstreamerCamera camera;
    static FieldcastServer server;
    static Path stations;

    @BeforeAll
    static void start() throws IOException {
        camera = GstreamerCamera.start();
        stations = Files.createTempFile("stations-", ".json");
        Files.writeString(stations, """
                {"sites":[{"id":"audio-site","name":"Audio site","cameras":[
                  {"id":"aac-auto","name":"AAC","host":"127.0.0.1","rtspPort":%1$d,"rtspPath":"/aac"},
                  {"id":"pcma-auto","name":"G.711","host":"127.0.0.1","rtspPort":%1$d,"rtspPath":"/pcma"},
                  {"id":"pcma-aac","name":"G.711 to AAC","host":"127.0.0.1","rtspPort":%1$d,"rtspPath":"/pcma","audio":"aac"}
                ]}]}
                """.formatted(camera.port()));
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
    void aacIsCopiedWithoutBeingAskedFor() throws Exception {
        String multivariant = server.get("hls/aac-auto/index.m3u8").body();
        assertTrue(multivariant.contains("mp4a.40.2"), multivariant);
        assertEquals(List.of("h264", "aac"), codecs("hls/aac-auto/index.m3u8"));
        FfmpegClient.Result r = FfmpegClient.decode(server.uri("hls/aac-auto/index.m3u8").toString(), 2.5);
        assertTrue(r.clean(), "ffmpeg: exit " + r.exit() + "\n" + r.errors());
    }

    @Test
    void otherAudioIsDroppedByDefault() throws Exception {
        String multivariant = server.get("hls/pcma-auto/index.m3u8").body();
        assertFalse(multivariant.contains("mp4a"), multivariant);
        assertEquals(List.of("h264"), codecs("hls/pcma-auto/index.m3u8"));
    }

    @Test
    void otherAudioIsTranscodedToAacWhenTheStationSaysSo() throws Exception {
        String multivariant = server.get("hls/pcma-aac/index.m3u8").body();
        assertTrue(multivariant.contains("mp4a.40.2"), multivariant);
        assertEquals(List.of("h264", "aac"), codecs("hls/pcma-aac/index.m3u8"));
    }

    private static List<String> codecs(String path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("ffprobe", "-v", "error", "-show_entries", "stream=codec_name",
                "-of", "csv=p=0", server.uri(path).toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out.lines().map(String::trim).filter(l -> !l.isEmpty()).distinct().toList(); // HLS lists its program's streams twice
    }
}
