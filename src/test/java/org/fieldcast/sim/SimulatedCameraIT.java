package org.fieldcast.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.PasswordAuthentication;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.fieldcast.ffmpeg.FfmpegLocator;

/** One real simulated camera (real ffmpeg, real sockets) against ffprobe, ffmpeg, GStreamer and raw RTSP. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatedCameraIT {
    private static final String USER = "user";
    private static final String PASSWORD = "s3cret";
    private static final String NAME = "IT camera 1";

    private static Path tools;
    private static ExecutorService executor;
    private static SimulatedCamera camera;

    @BeforeAll
    static void startCamera() throws Exception {
        tools = FfmpegLocator.directory(System.getProperty("fieldcast.ffmpeg.path"));
        executor = Executors.newCachedThreadPool();
        SimulatedCameraSpec spec = SimulatedCameraSpec.of("it-ptz-1", NAME, true)
                .withAuth(SimAuth.DIGEST, USER, PASSWORD)
                .withPicture(320, 180, 25, 500);
        camera = new SimulatedCamera(spec, tools.resolve("ffmpeg"), executor);
        camera.start();
        assertTrue(camera.awaitStreaming(Duration.ofSeconds(20)), "the encoder publishes within 20 s");
    }

    @AfterAll
    static void stopCamera() throws InterruptedException {
        if (camera != null) {
            camera.close();
        }
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    @Order(1)
    void ffprobeReadsH264FromBothBoschUrlForms() throws Exception {
        for (String path : List.of("/?inst=1", "/?line=1&inst=1&h26x=4")) {
            Result probe = run(20, tools.resolve("ffprobe").toString(), "-v", "error", "-rtsp_transport", "tcp",
                    "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", withCredentials(path));

            assertEquals(0, probe.exit, probe.output);
            assertTrue(probe.output.contains("h264,320,180"), probe.output);
        }
    }

    @Test
    @Order(2)
    void theSecondInstanceIs640x360AndItsEncoderRunsOnlyWhileAsked() throws Exception {
        assertFalse(camera.substreamEncoderRunning(), "nobody asked for inst=2: no encoder, no CPU");
        assertEquals(List.of(), ffmpegChildren(StreamPath.SUB));

        for (String path : List.of("/?inst=2", "/rtsp_tunnel?line=1&inst=2&h26x=4")) {
            Result probe = run(20, tools.resolve("ffprobe").toString(), "-v", "error", "-rtsp_transport", "tcp",
                    "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", withCredentials(path));

            assertEquals(0, probe.exit, probe.output);
            assertTrue(probe.output.contains("h264,640,360"), probe.output);
            assertTrue(eventually(Duration.ofSeconds(10), () -> !camera.substreamEncoderRunning()
                    && ffmpegChildren(StreamPath.SUB).isEmpty()), "its encoder ends after the last viewer");
        }
        assertEquals(0, camera.activeSubstreamSessions());
        assertEquals(1, ffmpegChildren().size(), "the main encoder ran on");
    }

    @Test
    @Order(2)
    void withoutCredentialsTheCameraAnswers401() throws Exception {
        Result probe = run(20, tools.resolve("ffprobe").toString(), "-v", "error", "-rtsp_transport", "tcp",
                camera.rtspUrl("/?inst=1"));

        assertNotEquals(0, probe.exit);
        assertTrue(probe.output.contains("401"), probe.output);
    }

    @Test
    @Order(3)
    void ffmpegDecodesTwoSecondsWithoutErrors() throws Exception {
        Result decode = run(30, tools.resolve("ffmpeg").toString(), "-v", "error", "-rtsp_transport", "tcp",
                "-i", withCredentials("/?inst=1"), "-t", "2", "-f", "null", "-");

        assertEquals(0, decode.exit, decode.output);
        assertEquals("", decode.output.strip(), "ffmpeg reported errors");
    }

    @Test
    @Order(4)
    void threeViewersAtOnce() throws Exception {
        long before = camera.totalRtspSessions();
        List<Process> viewers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                viewers.add(new ProcessBuilder(tools.resolve("ffmpeg").toString(), "-v", "error", "-rtsp_transport", "tcp",
                        "-i", withCredentials("/?inst=1"), "-t", "6", "-f", "null", "-")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }

            assertTrue(eventually(Duration.ofSeconds(15), () -> camera.activeRtspSessions() == 3),
                    "3 viewers playing, saw " + camera.activeRtspSessions());
            for (Process viewer : viewers) {
                assertTrue(viewer.waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, viewer.exitValue());
            }
        } finally {
            viewers.forEach(Process::destroyForcibly);
        }
        assertEquals(before + 3, camera.totalRtspSessions());
        assertTrue(eventually(Duration.ofSeconds(5), () -> camera.activeRtspSessions() == 0));
    }

    @Test
    @Order(5)
    void gstreamerRtspsrcPlays() throws Exception {
        Result gst = run(30, "gst-launch-1.0", "-q", "rtspsrc", "location=" + camera.rtspUrl("/?inst=1"),
                "user-id=" + USER, "user-pw=" + PASSWORD, "protocols=tcp", "!", "fakesink", "num-buffers=50");

        assertEquals(0, gst.exit, gst.output);
    }

    @Test
    @Order(6)
    void rawClientGetsPayloadType35AndAKeyframeFirst() throws Exception {
        try (RawRtspClient rtsp = new RawRtspClient(camera.rtspPort(), USER, PASSWORD)) {
            rtsp.play(camera.rtspUrl("/?inst=1"));

            byte[] first = rtsp.nextFrame(0);
            assertEquals(35, first[1] & 0x7f, "H.264 on Bosch's payload type");
            assertEquals(5, GopCache.classify(first), "the stream starts at a keyframe");
            assertTrue(rtsp.lastReply.contains("RTP-Info: url=" + camera.rtspUrl("/?inst=1") + "/trackID=0;seq="), rtsp.lastReply);
        }
    }

    @Test
    @Order(7)
    void anIdleSessionIsDroppedAfterTheTimeout() throws Exception {
        camera.setRtspSessionTimeout(Duration.ofSeconds(2));
        try (RawRtspClient rtsp = new RawRtspClient(camera.rtspPort(), USER, PASSWORD)) {
            rtsp.play(camera.rtspUrl("/"));
            assertTrue(rtsp.lastReply.contains("Session: "), rtsp.lastReply);
            assertTrue(rtsp.lastReply.contains(";timeout=2"), rtsp.lastReply);

            assertTrue(rtsp.closedByServerWithin(Duration.ofSeconds(10)), "the camera hung up on the silent client");
        } finally {
            camera.setRtspSessionTimeout(RtspServer.BOSCH_SESSION_TIMEOUT);
        }
    }

    @Test
    @Order(8)
    void stalledCameraKeepsTheConnectionButSendsNothing() throws Exception {
        try (RawRtspClient rtsp = new RawRtspClient(camera.rtspPort(), USER, PASSWORD)) {
            rtsp.play(camera.rtspUrl("/?inst=1"));
            rtsp.nextFrame(0);
            camera.setStalled(true);
            rtsp.skipQueued();

            assertTrue(rtsp.silentFor(Duration.ofSeconds(2)), "no media while stalled");
            assertTrue(rtsp.request("GET_PARAMETER", camera.rtspUrl("/?inst=1/"), "").startsWith("RTSP/1.0 200"));
            camera.setStalled(false);
            rtsp.nextFrame(0);
        } finally {
            camera.setStalled(false);
        }
    }

    @Test
    @Order(9)
    void rtspSwitchedOffRefusesWithServiceUnavailable() throws Exception {
        camera.setRtspEnabled(false);
        try {
            Result probe = run(20, tools.resolve("ffprobe").toString(), "-v", "error", "-rtsp_transport", "tcp",
                    withCredentials("/?inst=1"));

            assertNotEquals(0, probe.exit);
            assertTrue(probe.output.contains("503"), probe.output);
        } finally {
            camera.setRtspEnabled(true);
        }
        Result again = run(20, tools.resolve("ffprobe").toString(), "-v", "error", "-rtsp_transport", "tcp", withCredentials("/"));
        assertEquals(0, again.exit, again.output);
    }

    @Test
    @Order(10)
    void snapshotNeedsAuthAndIsAJpeg() throws Exception {
        assertEquals(401, httpGet("/snap.jpg", false).status);

        Http snap = httpGet("/snap.jpg", true);
        assertEquals(200, snap.status);
        assertEquals("image/jpeg", snap.contentType);
        assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xd8}, new byte[] {snap.body[0], snap.body[1]});
        assertEquals(320, ImageIO.read(new ByteArrayInputStream(snap.body)).getWidth());
        assertEquals(176, ImageIO.read(new ByteArrayInputStream(httpGet("/snap.jpg?JpegSize=S", true).body)).getWidth());
        assertEquals(404, httpGet("/snap.jpg?JpegCam=2", true).status);
    }

    @Test
    @Order(11)
    void rcpUnitNameReadReturnsTheName() throws Exception {
        Http reply = httpGet("/rcp.xml?command=0x0024&type=P_UNICODE&direction=READ&num=1", true);

        assertEquals(200, reply.status);
        assertEquals("text/xml", reply.contentType);
        Matcher str = Pattern.compile("<str>([0-9a-f ]+)</str>").matcher(reply.text());
        assertTrue(str.find(), reply.text());
        byte[] utf16 = HexFormat.ofDelimiter(" ").parseHex(str.group(1));
        assertEquals(NAME + "\0", new String(utf16, StandardCharsets.UTF_16BE));
        assertTrue(reply.text().contains("<auth>1</auth>"), reply.text());

        RcpRequestTrace last = camera.rcpTrace().get(camera.rcpTrace().size() - 1);
        assertEquals(0x0024, last.command());
        assertTrue(last.succeeded());
    }

    @Test
    @Order(12)
    void rcpErrorsAreHttp200() throws Exception {
        Http unknown = httpGet("/rcp.xml?command=0x7777&type=F_FLAG&direction=READ", true);

        assertEquals(200, unknown.status);
        assertTrue(unknown.text().contains("<err>0x40</err>"), unknown.text());
        assertTrue(httpGet("/rcp.xml?command=0x0a8b&type=F_FLAG&direction=WRITE&num=1&payload=1", true).text()
                .contains("<result></result>"));
        assertTrue(camera.virtualAlarm(1));
    }

    @Test
    @Order(13)
    void httpSwitchedOffAnswers503() throws Exception {
        camera.setHttpEnabled(false);
        try {
            assertEquals(503, httpGet("/snap.jpg", true).status);
        } finally {
            camera.setHttpEnabled(true);
        }
        assertEquals(200, httpGet("/snap.jpg", true).status);
    }

    @Test
    @Order(14)
    void anEncoderThatDiesIsRestarted() throws Exception {
        List<ProcessHandle> encoders = ffmpegChildren();
        assertEquals(1, encoders.size(), "one encoder per camera");

        encoders.get(0).destroyForcibly();

        assertTrue(eventually(Duration.ofSeconds(10), () -> camera.encoderRestarts() == 1), "restarted once");
        Result probe = run(30, tools.resolve("ffprobe").toString(), "-v", "error", "-rtsp_transport", "tcp",
                "-show_entries", "stream=codec_name", "-of", "csv=p=0", withCredentials("/?inst=1"));
        assertEquals(0, probe.exit, probe.output);
        assertTrue(probe.output.contains("h264"), probe.output);
        assertFalse(encoders.get(0).isAlive());
    }

    @Test
    @Order(100)
    void closeLeavesNoFfmpegBehind() throws Exception {
        assertTrue(ffmpegChildren().size() >= 1, "the camera's encoder runs as a child of this JVM");

        camera.close();

        assertEquals(List.of(), ffmpegChildren().stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList());
        assertEquals(List.of(), ffmpegChildren(StreamPath.SUB).stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList());
        assertTrue(eventually(Duration.ofSeconds(5), () -> !isListening(camera.rtspPort())), "RTSP port closed");
    }

    /**
     * This camera's encoder: other test classes in this JVM run servers and cameras with ffmpeg of
     * their own, so it is picked out by the publish URL, which is unique per camera.
     */
    private static List<ProcessHandle> ffmpegChildren() {
        return ffmpegChildren(StreamPath.MAIN);
    }

    /** The encoder of one instance of this camera. */
    private static List<ProcessHandle> ffmpegChildren(int instance) {
        String publish = PictureCommand.publishUrl(camera.rtspPort(), instance);
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/ffmpeg")).orElse(false))
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(publish)).orElse(false))
                .toList();
    }

    private static boolean isListening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String withCredentials(String path) {
        return camera.rtspUrl(path).replace("rtsp://", "rtsp://" + USER + ":" + PASSWORD + "@");
    }

    private static boolean eventually(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    record Result(int exit, String output) {
    }

    private static Result run(int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), output);
        } finally {
            p.destroyForcibly();
        }
    }

    record Http(int status, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** HttpURLConnection, because it answers Digest challenges itself. */
    private static Http httpGet(String pathAndQuery, boolean withCredentials) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(camera.httpUrl(pathAndQuery)).openConnection();
        if (withCredentials) {
            c.setAuthenticator(new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(USER, PASSWORD.toCharArray());
                }
            });
        }
        try {
            int status = c.getResponseCode();
            InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
            byte[] body = in == null ? new byte[0] : in.readAllBytes();
            return new Http(status, c.getContentType(), body);
        } finally {
            c.disconnect();
        }
    }
}
