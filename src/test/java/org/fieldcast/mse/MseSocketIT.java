package org.fieldcast.mse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldcast.ffmpeg.FfmpegLocator;
import org.fieldcast.mse.MseSocketClient.Message;
import org.fieldcast.sim.SimulatedCamera;
import org.fieldcast.sim.SimulatedCameraSpec;
import org.fieldcast.testing.FieldcastServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /ws/mse} on a real server with a simulated camera in this JVM, one server boot for all. The camera
 * sends 8 Mbit/s so that a client that stops reading fills what the kernel and container hold within seconds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MseSocketIT {
    static final String CAM = "mse-cam";
    /** A second camera whose station entry names its substream ({@code /?inst=2}, 640x360); {@link #CAM} names none. */
    static final String SUB_CAM = "mse-sub-cam";
    static final Path FFMPEG = FfmpegLocator.directory(System.getProperty("fieldcast.ffmpeg.path"));

    static ExecutorService pool;
    static SimulatedCamera camera;
    static SimulatedCamera subCamera;
    static FieldcastServer server;

    @BeforeAll
    static void start() throws Exception {
        pool = Executors.newCachedThreadPool();
        camera = new SimulatedCamera(SimulatedCameraSpec.of(CAM, "MSE test camera", false).withPicture(1280, 720, 25, 8000),
                FFMPEG.resolve("ffmpeg"), pool);
        camera.start();
        assertTrue(camera.awaitStreaming(Duration.ofSeconds(30)));
        subCamera = new SimulatedCamera(SimulatedCameraSpec.of(SUB_CAM, "Substream test camera", false).withPicture(320, 180, 25, 300),
                FFMPEG.resolve("ffmpeg"), pool);
        subCamera.start();
        assertTrue(subCamera.awaitStreaming(Duration.ofSeconds(30)));
        server = FieldcastServer.onStations("""
                {"sites":[{"id":"mse-site","name":"MSE test site","cameras":[
                  {"id":"%s","name":"MSE test camera","type":"FIXED","host":"127.0.0.1","rtspPort":%d,"httpPort":%d,"rtspPath":"/?inst=1"},
                  {"id":"%s","name":"Substream test camera","type":"FIXED","host":"127.0.0.1","rtspPort":%d,"httpPort":%d,
                   "rtspPath":"/?inst=1","substreamPath":"/?inst=2"}
                ]}]}
                """.formatted(CAM, camera.rtspPort(), camera.httpPort(), SUB_CAM, subCamera.rtspPort(), subCamera.httpPort()),
                Map.of());
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (camera != null) {
            camera.close();
        }
        if (subCamera != null) {
            subCamera.close();
        }
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Test
    void theMimeThenTheInitThenAKeyframeThenEachPictureAsItComes(@TempDir Path dir) throws Exception {
        assertTrue(server.get("api/cameras/" + CAM).body().contains("\"mse\":\"ws/mse\""));
        try (MseSocketClient client = MseSocketClient.connect(socketUri(), true)) {
            client.send("{\"subscribe\":[\"" + CAM + "\"]}");
            List<Message> got = client.await(Message::isFragment, 110, Duration.ofSeconds(30));

            Message mime = got.get(0);
            assertTrue(mime.text() != null && mime.text().matches(
                    "\\{\"camera\":\"mse-cam\",\"stream\":\"main\",\"mime\":\"video/mp4; codecs=\\\\\"avc1\\.[0-9a-f]{6}\\\\\"\","
                            + "\"width\":1280,\"height\":720,\"audio\":false,\"hasAudio\":false}"), String.valueOf(mime.text()));
            Message init = got.get(1);
            assertTrue(init.isInit() && init.version() == 2 && init.camera().equals(CAM) && init.stream() == 0);
            assertEquals("ftyp", new String(init.payload(), 4, 4, StandardCharsets.ISO_8859_1));
            List<Message> fragments = got.stream().filter(Message::isFragment).toList();
            assertTrue(fragments.get(0).keyframe(), "the first picture decodes at once");
            assertEquals("moof", new String(fragments.get(0).payload(), 4, 4, StandardCharsets.ISO_8859_1));
            assertEquals(got.size() - 2, fragments.size(), "nothing else came: " + got.subList(2, got.size()).stream()
                    .filter(m -> m.text() != null).map(Message::text).toList());

            // After the GOP sent at once, live pictures come at the camera's pace.
            List<Message> live = fragments.subList(fragments.size() - 51, fragments.size());
            double fps = 50 * 1000.0 / (live.get(50).receivedMillis() - live.get(0).receivedMillis());
            assertTrue(fps > 20 && fps < 30, "about 25 pictures a second: " + fps);
            long late = live.stream().filter(m -> m.receivedMillis() - m.serverMillis() > 300).count();
            assertTrue(late <= 2, late + " of 51 pictures took more than 300 ms from the server to the client");

            Path file = dir.resolve("mse.mp4");
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(init.payload());
                for (Message m : fragments.subList(0, 50)) {
                    out.write(m.payload());
                }
            }
            assertEquals("50", countFrames(file), "the init and 50 fragments decode to 50 pictures");
        }
    }

    /**
     * A tile's "sub" pulls the camera's substream, one RTSP session on {@code /?inst=2} beside the main
     * stream's own; a camera without a substream serves "sub" and "main" from one session.
     */
    @Test
    @Order(Integer.MAX_VALUE) // last: its pulls idle on for 30 s, which would load the timing checks of the others
    void subPullsTheSubstreamPathAndACameraWithoutOneSharesItsMainPull(@TempDir Path dir) throws Exception {
        assertTrue(server.get("api/cameras/" + SUB_CAM).body().contains("\"substream\":true"));
        assertTrue(server.get("api/cameras/" + CAM).body().contains("\"substream\":false"));
        assertFalse(server.get("api/cameras/" + SUB_CAM).body().contains("inst=2"), "the path is never shown");
        assertFalse(subCamera.substreamEncoderRunning(), "nobody asked for it yet");
        try (MseSocketClient client = MseSocketClient.connect(socketUri(), true)) {
            client.send("{\"subscribe\":[{\"camera\":\"" + SUB_CAM + "\",\"stream\":\"sub\"}]}");
            List<Message> got = client.await(m -> m.isFragment() && m.stream() == 1, 30, Duration.ofSeconds(30));

            assertEquals(1, subCamera.activeSubstreamSessions(), "one RTSP session on /?inst=2");
            assertEquals(0, subCamera.activeRtspSessions(), "and none on the main path");
            Path file = dir.resolve("sub.mp4");
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(got.stream().filter(Message::isInit).findFirst().orElseThrow().payload());
                for (Message m : got.stream().filter(Message::isFragment).toList()) {
                    out.write(m.payload());
                }
            }
            assertEquals("640,360", probeSize(file), "the substream's pictures");
            String metrics = server.getAsAdmin("metrics").body();
            assertTrue(Pattern.compile("(?m)^fieldcast_substream_state\\{[^}]*camera=\"" + SUB_CAM + "\"[^}]*} [12]")
                    .matcher(metrics).find(), "the substream's own metrics: starting or live");
            assertFalse(Pattern.compile("(?m)^fieldcast_stream_state\\{[^}]*camera=\"" + SUB_CAM + "\"").matcher(metrics).find(),
                    "the camera's metrics are its main stream's, which nobody watched yet");

            client.send("{\"subscribe\":[{\"camera\":\"" + SUB_CAM + "\",\"stream\":\"sub\"},\"" + SUB_CAM + "\"]}");
            client.await(m -> m.isFragment() && m.stream() == 0, 10, Duration.ofSeconds(30));
            assertEquals(1, subCamera.activeRtspSessions(), "the main stream: one session on the main path");
            assertEquals(1, subCamera.activeSubstreamSessions(), "the substream's session goes on");

            client.send("{\"subscribe\":[{\"camera\":\"" + CAM + "\",\"stream\":\"sub\"},\"" + CAM + "\"]}");
            client.await(m -> m.isFragment() && CAM.equals(m.camera()) && m.stream() == 0, 5, Duration.ofSeconds(30));
            client.await(m -> m.isFragment() && CAM.equals(m.camera()) && m.stream() == 1, 5, Duration.ofSeconds(30));
            assertEquals(1, camera.activeRtspSessions(), "without a substream, sub and main share one session");
            assertEquals(0, camera.activeSubstreamSessions());
            assertFalse(camera.substreamEncoderRunning());
        }
    }

    private static String probeSize(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(FFMPEG.resolve("ffprobe").toString(), "-v", "error", "-select_streams", "v:0",
                "-show_entries", "stream=width,height", "-of", "csv=p=0", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }

    @Test
    void aCameraUnknownOrMistypedGetsANoticeAndTheSocketGoesOn() throws Exception {
        try (MseSocketClient client = MseSocketClient.connect(socketUri(), true)) {
            client.send("{\"subscribe\":[\"no-such-cam\"]}");
            client.send("{\"subscribe\":[\"Not An Id\"]}");
            List<Message> got = client.await(m -> m.text() != null, 2, Duration.ofSeconds(10));
            assertTrue(got.get(0).text().startsWith("{\"error\":") && got.get(0).text().endsWith(",\"camera\":\"no-such-cam\"}"),
                    got.get(0).text());
            assertTrue(got.get(1).text().startsWith("{\"error\":\"not a camera id"), got.get(1).text());

            client.send("{\"subscribe\":[\"" + CAM + "\"]}");
            client.await(Message::isFragment, 5, Duration.ofSeconds(20));
        }
    }

    @Test
    void aSecondSubscribeReplacesTheFirst() throws Exception {
        try (MseSocketClient client = MseSocketClient.connect(socketUri(), true)) {
            client.send("{\"subscribe\":[\"" + CAM + "\"]}");
            client.await(Message::isFragment, 5, Duration.ofSeconds(20));
            client.send("{\"subscribe\":[{\"camera\":\"" + CAM + "\",\"stream\":\"sub\"}]}");
            List<Message> got = client.await(m -> m.isFragment() && m.stream() == 1, 10, Duration.ofSeconds(20));

            int subMime = indexOf(got, m -> m.text() != null && m.text().contains("\"stream\":\"sub\",\"mime\""));
            assertTrue(subMime > 0, "a mime notice for the new subscription");
            assertTrue(got.get(subMime + 1).isInit() && got.get(subMime + 1).stream() == 1, "then its init");
            Message firstSub = got.stream().skip(subMime).filter(Message::isFragment).findFirst().orElseThrow();
            assertTrue(firstSub.keyframe());
            int lastMain = lastIndexOf(got, m -> m.isFragment() && m.stream() == 0);
            long mainAfterwards = got.stream().skip(subMime + 2).filter(m -> m.isFragment() && m.stream() == 0).count();
            assertTrue(mainAfterwards <= 1, "main stopped (at most one in flight): " + mainAfterwards + ", last at " + lastMain);

            client.send("{\"subscribe\":[]}");
            Thread.sleep(500);
            int before = client.messages().size();
            Thread.sleep(1000);
            assertEquals(before, client.messages().size(), "nothing after unsubscribing from everything");
        }
    }

    @Test
    void aViewerThatStopsReadingIsCutToAKeyframeAndDelaysNoOtherViewer() throws Exception {
        try (MseSocketClient stalled = MseSocketClient.connect(socketUri(), false);
             MseSocketClient reading = MseSocketClient.connect(socketUri(), true)) {
            stalled.send("{\"subscribe\":[\"" + CAM + "\"]}");
            reading.send("{\"subscribe\":[\"" + CAM + "\"]}");
            reading.await(Message::isFragment, 10, Duration.ofSeconds(20));
            int readingFrom = reading.messages().size();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
            long dropped = 0;
            while (dropped == 0 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                dropped = droppedMetric();
            }
            assertTrue(dropped > 0, "the stalled viewer's pictures were dropped at the server (metric)");
            Thread.sleep(1000);
            List<Message> meanwhile = reading.messages().subList(readingFrom, reading.messages().size());

            stalled.resume();
            List<Message> got = stalled.await(m -> m.text() != null && m.text().contains("\"dropped\""), 1, Duration.ofSeconds(20));
            int notice = indexOf(got, m -> m.text() != null && m.text().contains("\"dropped\""));
            assertTrue(got.get(notice).text().matches("\\{\"camera\":\"mse-cam\",\"stream\":\"main\",\"dropped\":[1-9][0-9]*}"),
                    got.get(notice).text());
            stalled.await(Message::isFragment, countFragments(got) + 1, Duration.ofSeconds(10));
            Message resumed = stalled.messages().stream().skip(notice).filter(Message::isFragment).findFirst().orElseThrow();
            assertTrue(resumed.keyframe(), "it resumes at a keyframe");

            assertTrue(meanwhile.stream().noneMatch(m -> m.text() != null), "the reading viewer was told of nothing");
            List<Message> pictures = meanwhile.stream().filter(Message::isFragment).toList();
            double seconds = (pictures.get(pictures.size() - 1).receivedMillis() - pictures.get(0).receivedMillis()) / 1000.0;
            assertTrue(pictures.size() >= seconds * 22, pictures.size() + " pictures in " + seconds + " s");
            // A viewer held up by the stalled one would get its pictures late all along, or seconds late in bursts;
            // the machine (two test JVMs, their servers and encoders on two cores) makes a few late by itself.
            long[] delays = pictures.stream().mapToLong(m -> m.receivedMillis() - m.serverMillis()).sorted().toArray();
            long late = java.util.Arrays.stream(delays).filter(d -> d > 300).count();
            assertTrue(delays[delays.length / 2] < 100, "median delivery " + delays[delays.length / 2] + " ms");
            assertTrue(late <= pictures.size() / 10, late + " of " + pictures.size() + " pictures took more than 300 ms");
            System.out.printf("mse: stalled viewer cut after %d dropped pictures; the reading one got %d pictures in %.1f s%n",
                    dropped, pictures.size(), seconds);
        }
    }

    private static long droppedMetric() throws IOException {
        String metrics = server.getAsAdmin("metrics").body();
        Matcher m = Pattern.compile("(?m)^fieldcast_mse_dropped_fragments[_a-z]*\\{[^}]*camera=\"" + CAM + "\"[^}]*} ([0-9.eE+]+)").matcher(metrics);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    private static int countFragments(List<Message> got) {
        return (int) got.stream().filter(Message::isFragment).count();
    }

    private static int indexOf(List<Message> got, java.util.function.Predicate<Message> which) {
        for (int i = 0; i < got.size(); i++) {
            if (which.test(got.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<Message> got, java.util.function.Predicate<Message> which) {
        for (int i = got.size() - 1; i >= 0; i--) {
            if (which.test(got.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String countFrames(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(FFMPEG.resolve("ffprobe").toString(), "-v", "error", "-count_frames",
                "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }

    static URI socketUri() {
        return URI.create(server.baseUri().toString().replaceFirst("^http", "ws")).resolve("ws/mse");
    }
}
