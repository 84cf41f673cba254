package org.fieldcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.fieldcast.testing.FfmpegClient;
import org.fieldcast.testing.FieldcastServer;
import org.fieldcast.testing.GstreamerCamera;
import org.fieldcast.testing.TestDatabase;

/**
 * Fieldcast on a real PostgreSQL, with a station file holding a camera we did not write (GStreamer's
 * RTSP server), a camera at an address where nothing answers, and an invalid entry. Ends with a
 * SIGKILL of the server while it streams.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerOnPostgresIT {
    static TestDatabase database;
    static GstreamerCamera gstreamer;
    static FieldcastServer server;
    /**
     * Holds the dead camera's port for the whole test: bound, never listening, so connecting is refused,
     * and no other process (the other test JVM's servers and cameras) can be given the port meanwhile.
     */
    static java.net.Socket deadPortHolder;

    @BeforeAll
    static void start() throws IOException {
        database = TestDatabase.create();
        gstreamer = GstreamerCamera.start();
        deadPortHolder = new java.net.Socket();
        deadPortHolder.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
        int deadPort = deadPortHolder.getLocalPort();
        server = FieldcastServer.onStations("""
                {"sites":[{"id":"roadside","name":"Roadside test site","cameras":[
                  {"id":"gst-cam","name":"GStreamer camera","type":"FIXED","host":"127.0.0.1","rtspPort":%d,"rtspPath":"/test"},
                  {"id":"dead-cam","name":"Nobody home","type":"FIXED","host":"127.0.0.1","rtspPort":%d,"rtspPath":"/?inst=1"},
                  {"id":"bad-cam","name":"Typo","type":"PTZ","host":"127.0.0.1","rtspPort":70000}
                ]}]}
                """.formatted(gstreamer.port(), deadPort),
                Map.of("FIELDCAST_DB_URL", database.url(), "FIELDCAST_DB_USER", TestDatabase.USER));
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (gstreamer != null) {
            gstreamer.close();
        }
        if (database != null) {
            database.close();
        }
        if (deadPortHolder != null) {
            deadPortHolder.close();
        }
    }

    @Test
    @Order(1)
    void anInvalidCameraIsReportedByNameAndFieldWhileTheOthersLoad() throws IOException {
        String cameras = server.get("api/cameras").body();
        assertTrue(cameras.contains("\"id\":\"gst-cam\"") && cameras.contains("\"id\":\"dead-cam\""), cameras);
        assertFalse(cameras.contains("bad-cam"), cameras);
        String problems = server.getAsAdmin("api/problems").body();
        assertTrue(problems.contains("bad-cam") && problems.contains("rtspPort") && problems.contains("70000"), problems);
    }

    @Test
    @Order(1)
    void accountsAndTheAuditTrailLiveInPostgres() throws IOException {
        org.fieldcast.testing.LoggedIn admin = server.loginAsAdmin();
        assertEquals("admin", admin.session().getString("role"));
        String audit = admin.get("api/audit?limit=5").body();
        assertTrue(audit.contains("\"action\":\"login\"") && audit.contains("\"actor\":\"admin\""), audit);
    }

    @Test
    @Order(2)
    void playsACameraThatIsNotOurSimulator() {
        FfmpegClient.Result r = FfmpegClient.decode(server.uri("hls/gst-cam/index.m3u8").toString(), 2.5);
        assertTrue(r.clean(), "ffmpeg: exit " + r.exit() + "\n" + r.errors());
        assertTrue(gstreamer.sessions() >= 1);
    }

    @Test
    @Order(3)
    void aWrongRtspAddressGivesAnErrorWithFfmpegsReasonNotAHang() throws IOException {
        long start = System.nanoTime();
        var r = server.get("hls/dead-cam/index.m3u8");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(r.body().toLowerCase().contains("refused"), "ffmpeg's own reason: " + r.body());
        assertTrue(seconds < 8, "failed fast, not after the start timeout: " + seconds + " s");
        String camera = server.get("api/cameras/dead-cam").body();
        assertTrue(camera.contains("\"state\":\"OFFLINE\"") || camera.contains("\"state\":\"STALLED\""), camera);
        assertTrue(camera.toLowerCase().contains("refused"), camera);
    }

    @Test
    @Order(4)
    void noFfmpegSurvivesASigkillOfTheServer() throws IOException, InterruptedException {
        server.get("hls/gst-cam/index.m3u8");
        List<ProcessHandle> pulls = server.ffmpegProcesses();
        assertFalse(pulls.isEmpty(), "a pull is running");
        server.kill();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (pulls.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(pulls.stream().noneMatch(ProcessHandle::isAlive),
                "ffmpeg outlived the JVM: " + pulls.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList());
    }
}
