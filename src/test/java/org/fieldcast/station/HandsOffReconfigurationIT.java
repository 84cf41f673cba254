package org.fieldcast.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.fieldcast.ffmpeg.FfmpegLocator;
import org.fieldcast.secret.MasterKey;
import org.fieldcast.sim.SimAuth;
import org.fieldcast.sim.SimulatedCamera;
import org.fieldcast.sim.SimulatedCameraSpec;
import org.fieldcast.sim.SimulatedSite;
import org.fieldcast.testing.CameraPulls;
import org.fieldcast.testing.FieldcastServer;
import org.fieldcast.testing.TestDatabase;

/**
 * Hands-off reconfiguration on a real PostgreSQL: another system writes the station rows while
 * Fieldcast streams, and Fieldcast follows through LISTEN/NOTIFY alone (polling is set to an hour,
 * so nothing here can be seen by a poll). Passwords are stored encrypted, through the admin endpoint.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HandsOffReconfigurationIT {
    private static final String SITE = "hands-off";
    private static final String PASSWORD = "hands-off-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String TOKEN = UUID.randomUUID().toString();
    private static final Duration WITHIN = Duration.ofSeconds(2);

    static TestDatabase database;
    static ExecutorService pool;
    static SimulatedSite cameras;
    static FieldcastServer server;
    static String sealed;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create();
        pool = Executors.newCachedThreadPool();
        List<SimulatedCameraSpec> specs = List.of("ho-a", "ho-b", "ho-c").stream()
                .map(id -> SimulatedCameraSpec.of(id, "Camera " + id, false).withPicture(320, 180, 25, 300)
                        .withAuth(SimAuth.DIGEST, "user", PASSWORD))
                .toList();
        cameras = SimulatedSite.start(SITE, "Hands-off site", specs,
                FfmpegLocator.directory(System.getProperty("fieldcast.ffmpeg.path")).resolve("ffmpeg"), pool);
        assertTrue(cameras.awaitStreaming(Duration.ofSeconds(20)), "the simulated cameras stream");
        server = FieldcastServer.start(Map.of(
                "FIELDCAST_DB_URL", database.url(),
                "FIELDCAST_DB_USER", TestDatabase.USER,
                "FIELDCAST_DEMO_ENABLED", "false",
                "FIELDCAST_STATIONS_POLL_INTERVAL", "PT1H",
                "FIELDCAST_SECRET_MASTER_KEY", MasterKey.generate().encoded(),
                "FIELDCAST_ADMIN_TOKEN", TOKEN));
        sql("insert into site (id, name) values ('" + SITE + "', 'Hands-off site')");
        sealed = encryptThroughTheAdminEndpoint();
        insertCamera("ho-a", sealed);
        insertCamera("ho-b", sealed);
        await("both cameras stream", Duration.ofSeconds(30), () -> CameraPulls.of(server).keySet().containsAll(Set.of("ho-a", "ho-b"))
                && state("ho-a").equals("LIVE") && state("ho-b").equals("LIVE"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (cameras != null) {
            cameras.close();
        }
        if (pool != null) {
            pool.shutdownNow();
        }
        if (database != null) {
            database.close();
        }
    }

    private static SimulatedCamera sim(String id) {
        return cameras.cameras().stream().filter(c -> c.spec().id().equals(id)).findFirst().orElseThrow();
    }

    private static void insertCamera(String id, String encryptedPassword) throws SQLException {
        try (Connection c = database.connect();
             PreparedStatement s = c.prepareStatement("insert into camera (id, site_id, name, host, rtsp_port, http_port,"
                     + " auth_mode, username, password_encrypted, always_on) values (?, ?, ?, '127.0.0.1', ?, ?, 'DIGEST', 'user', ?, true)")) {
            s.setString(1, id);
            s.setString(2, SITE);
            s.setString(3, "Camera " + id);
            s.setInt(4, sim(id).rtspPort());
            s.setInt(5, sim(id).httpPort());
            s.setString(6, encryptedPassword);
            s.executeUpdate();
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static String encryptThroughTheAdminEndpoint() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("api/admin/secrets/encrypt"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"site\":\"" + SITE + "\",\"password\":\"" + PASSWORD + "\"}"));
        HttpResponse<String> refused = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        // The test server's anonymous caller is an operator: the admin's endpoint refuses it.
        assertEquals(403, refused.statusCode(), refused.body());
        HttpResponse<String> r = http.send(request.header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertFalse(r.body().contains(PASSWORD), r.body());
        Matcher m = Pattern.compile("\"encryptedPassword\":\"(fc1:[^\"]+)\"").matcher(r.body());
        assertTrue(m.find(), r.body());
        return m.group(1);
    }

    private static String state(String id) {
        try {
            String body = server.get("api/cameras/" + id).body();
            Matcher m = Pattern.compile("\"state\":\"(\\w+)\"").matcher(body);
            return m.find() ? m.group(1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Seconds until the condition held; fails after {@code limit}. */
    private static double await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > limit.toNanos()) {
                throw new AssertionError(what + ": not within " + limit.toMillis() + " ms\n" + server.logTail(40));
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    @Test
    @Order(1)
    void pullsCarryNoCredentialsOnTheirCommandLines() {
        Map<String, Long> pulls = CameraPulls.of(server);
        for (long pid : pulls.values()) {
            String commandLine = CameraPulls.commandLine(pid);
            assertFalse(commandLine.contains(PASSWORD), commandLine);
            assertFalse(commandLine.contains("user:"), commandLine);
        }
        assertFalse(server.log().contains(PASSWORD), "the password is in the server log");
    }

    @Test
    @Order(2)
    void changingOneCamerasStreamRestartsOnlyThatCameraWithinTwoSeconds() throws Exception {
        long a = CameraPulls.of(server).get("ho-a");
        long b = CameraPulls.of(server).get("ho-b");

        long written = System.nanoTime();
        sql("update camera set rtsp_path = '/?inst=2' where id = 'ho-a'");
        double restarted = await("a new pull of ho-a", WITHIN,
                () -> CameraPulls.of(server, "ho-a").stream().anyMatch(pid -> pid != a));

        System.out.printf("hands-off: row written -> new ffmpeg of the changed camera: %.0f ms%n", restarted * 1000);
        assertTrue(CameraPulls.commandLine(CameraPulls.of(server, "ho-a").stream().filter(p -> p != a).findFirst().orElseThrow())
                .contains("/ho-a/?inst=2"));
        assertEquals(Set.of(b), CameraPulls.of(server, "ho-b"), "the other camera's pull was not touched");
        await("ho-a live again", Duration.ofSeconds(15), () -> state("ho-a").equals("LIVE"));
        assertTrue((System.nanoTime() - written) / 1e9 < 15);
    }

    @Test
    @Order(3)
    void aChangeThatDoesNotConcernTheStreamRestartsNothing() throws Exception {
        Map<String, Long> before = CameraPulls.of(server);
        sql("update camera set name = 'Renamed B' where id = 'ho-b'");
        await("the new name in the API", WITHIN, () -> {
            try {
                return server.get("api/cameras/ho-b").body().contains("Renamed B");
            } catch (IOException e) {
                return false;
            }
        });
        assertEquals(before, CameraPulls.of(server));
    }

    @Test
    @Order(4)
    void anInsertedCameraAppearsAndADeletedOneStops() throws Exception {
        insertCamera("ho-c", sealed);
        double shown = await("ho-c in the API", WITHIN, () -> {
            try {
                return server.get("api/cameras").body().contains("\"id\":\"ho-c\"");
            } catch (IOException e) {
                return false;
            }
        });
        System.out.printf("hands-off: row inserted -> camera in the API: %.0f ms%n", shown * 1000);
        await("ho-c streams (always on)", Duration.ofSeconds(20), () -> state("ho-c").equals("LIVE"));
        Set<Long> pulls = CameraPulls.of(server, "ho-c");
        assertFalse(pulls.isEmpty());

        sql("delete from camera where id = 'ho-c'");
        double stopped = await("ho-c's pull ends", Duration.ofSeconds(5),
                () -> pulls.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
        System.out.printf("hands-off: row deleted -> its ffmpeg gone: %.0f ms%n", stopped * 1000);
        assertEquals(404, server.get("api/cameras/ho-c").statusCode());
    }

    @Test
    @Order(5)
    void badRowsAreReportedWhileTheOthersKeepStreaming() throws Exception {
        Map<String, Long> before = CameraPulls.of(server);
        insertCamera("ho-c", "fc1:" + "A".repeat(64));
        sql("insert into camera (id, site_id, name, host, gateway_id) values ('ho-nowhere', '" + SITE
                + "', 'Behind nothing', '10.1.2.3', 'no-such-gateway')");

        await("both bad rows reported", WITHIN, () -> {
            try {
                String problems = server.getAsAdmin("api/problems").body();
                return problems.contains("ho-c") && problems.contains("does not decrypt")
                        && problems.contains("ho-nowhere") && problems.contains("gateway 'no-such-gateway' does not exist");
            } catch (IOException e) {
                return false;
            }
        });
        String cameraC = server.get("api/cameras/ho-c").body();
        await("ho-c fails with the reason", Duration.ofSeconds(10), () -> {
            try {
                return server.get("api/cameras/ho-c").body().contains("does not decrypt");
            } catch (IOException e) {
                return false;
            }
        });
        assertNotNull(cameraC);
        assertEquals(before, CameraPulls.of(server), "the good cameras kept their pulls");
        assertEquals("LIVE", state("ho-a"));
        sql("delete from camera where id in ('ho-c', 'ho-nowhere')");
    }

    @Test
    @Order(6)
    void afterTheDatabaseDroppedEveryConnectionStreamsRunOnAndChangesAreFollowedAgain() throws Exception {
        Map<String, Long> before = CameraPulls.of(server);
        String db = database.url().substring(database.url().lastIndexOf('/') + 1);
        try (Connection c = java.sql.DriverManager.getConnection(
                database.url().substring(0, database.url().lastIndexOf('/') + 1) + "postgres", TestDatabase.USER, "");
             Statement s = c.createStatement()) {
            s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + db + "'");
        }
        Thread.sleep(1000);
        assertEquals(before, CameraPulls.of(server), "running streams kept running");

        long b = before.get("ho-b");
        sql("update camera set rtsp_path = '/?inst=2' where id = 'ho-b'");
        double seen = await("the change after the outage", Duration.ofSeconds(5),
                () -> CameraPulls.of(server, "ho-b").stream().anyMatch(pid -> pid != b));
        System.out.printf("hands-off: change after the database dropped its connections -> restart: %.0f ms%n", seen * 1000);
    }
}
