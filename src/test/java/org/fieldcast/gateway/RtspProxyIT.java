package org.fieldcast.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.fieldcast.ffmpeg.FfmpegLocator;
import org.fieldcast.secret.CameraCredentials;
import org.fieldcast.secret.MasterKey;
import org.fieldcast.secret.MasterKeys;
import org.fieldcast.secret.SiteKeys;
import org.fieldcast.sim.SimAuth;
import org.fieldcast.sim.SimulatedCamera;
import org.fieldcast.sim.SimulatedCameraSpec;
import org.fieldcast.station.AuthMode;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.CameraType;
import org.fieldcast.station.Site;
import org.fieldcast.station.StationDatabase;

/**
 * The loopback RTSP proxy between real ffmpeg and a real simulated camera: Digest and Basic answered
 * by the proxy, a camera that names its own address in the Content-Base, and the reasons ffmpeg
 * reports when the camera refuses or cannot be reached. ffmpeg's command line never shows a password.
 */
class RtspProxyIT {
    private static final String PASSWORD = "never-on-a-command-line";

    private static Path ffmpeg;
    private static ExecutorService executor;
    private static SimulatedCamera digestCamera;
    private static SimulatedCamera basicCamera;
    private static StationDatabase database;
    private static CameraCredentials credentials;
    private static RtspInputs inputs;

    @BeforeAll
    static void start() throws Exception {
        ffmpeg = FfmpegLocator.directory(System.getProperty("fieldcast.ffmpeg.path")).resolve("ffmpeg");
        executor = Executors.newCachedThreadPool();
        digestCamera = new SimulatedCamera(SimulatedCameraSpec.of("proxy-digest", "Digest camera", false)
                .withAuth(SimAuth.DIGEST, "user", PASSWORD).withPicture(320, 180, 25, 300), ffmpeg, executor);
        digestCamera.setContentBaseFromLocalAddress(true);
        digestCamera.start();
        basicCamera = new SimulatedCamera(SimulatedCameraSpec.of("proxy-basic", "Basic camera", false)
                .withAuth(SimAuth.BASIC, "user", PASSWORD).withPicture(320, 180, 25, 300), ffmpeg, executor);
        basicCamera.start();
        database = StationDatabase.open("jdbc:h2:mem:proxy-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        database.inTransaction(em -> {
            em.persist(new Site("site", "Site"));
            return null;
        });
        MasterKeys keys = MasterKeys.of(Optional.of(MasterKey.generate().encoded()), Optional.empty(), null);
        credentials = new CameraCredentials(new SiteKeys(database, keys, Duration.ofSeconds(30), Clock.systemUTC()), keys,
                Clock.systemUTC());
        inputs = new RtspInputs(new CameraRoutes(LocalNetworks.NONE, Duration.ofMillis(300)), credentials,
                Duration.ofSeconds(3), executor);
        assertTrue(digestCamera.awaitStreaming(Duration.ofSeconds(20)) && basicCamera.awaitStreaming(Duration.ofSeconds(20)));
    }

    @AfterAll
    static void stop() {
        for (SimulatedCamera camera : new SimulatedCamera[] {digestCamera, basicCamera}) {
            if (camera != null) {
                camera.close();
            }
        }
        if (database != null) {
            database.close();
        }
        executor.shutdownNow();
    }

    private static CameraConfig camera(String id, int port, AuthMode auth, String encryptedPassword) {
        return new CameraConfig(id, id, "site", "Site", CameraType.FIXED, null, "127.0.0.1", port, 80, 0, null, "/?inst=1",
                auth, "user", null, true, false, encryptedPassword, List.of());
    }

    /** ffmpeg reading {@code seconds} from the input; its command line as the process list shows it. */
    private record Run(int exit, String stderr, String commandLine) {
    }

    private static Run pull(RtspInput input, double seconds) throws IOException, InterruptedException {
        return pull(input, seconds, "tcp");
    }

    private static Run pull(RtspInput input, double seconds, String transport) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-loglevel", "error",
                "-rtsp_transport", transport, "-timeout", "5000000", "-i", input.url(), "-t", Double.toString(seconds), "-f", "null", "-"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String commandLine = new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
            boolean ended = p.waitFor(30, TimeUnit.SECONDS);
            String stderr = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Run(ended ? p.exitValue() : -1, stderr, commandLine);
        } finally {
            p.destroyForcibly();
            input.close();
        }
    }

    @Test
    void ffmpegPullsADigestCameraThroughTheProxyWithoutItsPasswordOnTheCommandLine() throws Exception {
        CameraConfig camera = camera("proxy-digest", digestCamera.rtspPort(), AuthMode.DIGEST,
                credentials.encrypt("site", PASSWORD));
        RtspInput input = inputs.open(camera);
        assertTrue(input.url().matches("rtsp://127\\.0\\.0\\.1:\\d+/proxy-digest/\\?inst=1"), input.url());

        Run run = pull(input, 2.0);

        assertEquals(0, run.exit(), run.stderr());
        assertTrue(run.commandLine().contains(input.url()), run.commandLine());
        assertFalse(run.commandLine().contains(PASSWORD), run.commandLine());
        assertFalse(run.commandLine().contains("user"), "no user name either: " + run.commandLine());
        assertTrue(digestCamera.totalRtspSessions() >= 1);
    }

    @Test
    void ffmpegPullsABasicCameraThroughTheProxy() throws Exception {
        Run run = pull(inputs.open(camera("proxy-basic", basicCamera.rtspPort(), AuthMode.BASIC,
                credentials.encrypt("site", PASSWORD))), 1.0);
        assertEquals(0, run.exit(), run.stderr());
    }

    @Test
    void aRefusedPasswordReachesFfmpegsErrorAsTheCamerasRefusal() throws Exception {
        Run run = pull(inputs.open(camera("proxy-digest", digestCamera.rtspPort(), AuthMode.DIGEST,
                credentials.encrypt("site", "wrong"))), 1.0);
        assertTrue(run.exit() != 0);
        assertTrue(run.stderr().contains("401 Unauthorized: camera proxy-digest refused the credentials stored for it"),
                run.stderr());
        assertFalse(run.stderr().contains("wrong"), run.stderr());
    }

    @Test
    void anUnreachableCameraGivesFfmpegTheReasonFast() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        long start = System.nanoTime();
        Run run = pull(inputs.open(camera("proxy-none", closed, AuthMode.NONE, null)), 1.0);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(run.exit() != 0);
        assertTrue(run.stderr().contains("502 camera 127.0.0.1:" + closed + " (direct) unreachable, connecting failed: Connection refused"),
                run.stderr());
        assertTrue(seconds < 5, "failed fast: " + seconds + " s");
    }

    @Test
    void onlyTcpInterleavedTransportIsOffered() throws Exception {
        Run run = pull(inputs.open(camera("proxy-digest", digestCamera.rtspPort(), AuthMode.DIGEST,
                credentials.encrypt("site", PASSWORD))), 1.0, "udp");
        assertTrue(run.exit() != 0);
        assertTrue(run.stderr().contains("461"), run.stderr());
    }
}
