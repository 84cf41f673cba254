package org.fieldcast.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldcast.testing.FieldcastServer;
import org.fieldcast.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Real Payara Micro nodes on one real PostgreSQL database, started at the same moment as a supervisor
 * would start them, and nodes whose application cannot deploy.
 */
class ManyNodesIT {

    private static final String STATIONS = """
            {"sites":[
              {"id":"north","name":"North site","cameras":[
                {"id":"north-fixed","name":"Fixed","host":"127.0.0.1","rtspPort":9},
                {"id":"north-ptz","name":"PTZ","type":"PTZ","host":"127.0.0.1","rtspPort":9}]},
              {"id":"south","name":"South site","cameras":[
                {"id":"south-fixed","name":"Fixed","host":"127.0.0.1","rtspPort":9}]}]}
            """;
    private static final List<String> CAMERAS = List.of("north-fixed", "north-ptz", "south-fixed");

    @Test
    void threeNodesStartingTogetherOnAFreshDatabaseAllServeTheStationsOnce() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            Map<String, String> settings = Map.of("FIELDCAST_DB_URL", db.url(), "FIELDCAST_DB_USER", TestDatabase.USER);
            List<FieldcastServer> nodes = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    nodes.add(FieldcastServer.launch(settings, STATIONS)); // not waited for: they boot together
                }
                for (FieldcastServer node : nodes) {
                    node.awaitReady();
                }

                for (FieldcastServer node : nodes) {
                    for (String path : List.of("health/ready", "api/cameras", "api/sites", "api/cameras/north-ptz")) {
                        HttpResponse<String> answer = node.get(path);
                        assertEquals(200, answer.statusCode(), path + ": " + answer.body());
                    }
                    String cameras = node.get("api/cameras").body();
                    CAMERAS.forEach(id -> assertEquals(1, count(cameras, "\"id\":\"" + id + "\""), id + " once: " + cameras));
                    HttpResponse<String> problems = node.getAsAdmin("api/problems");
                    assertEquals(200, problems.statusCode(), problems.body());
                    assertEquals("[]", problems.body().strip(), "no node failed its import");
                    assertEquals("admin", node.loginAsAdmin().session().getString("role"), "one admin, on every node");
                }
                assertEquals(List.of(List.of(2L, 3L, 1L)), db.rows("select (select count(*) from site),"
                        + " (select count(*) from camera), (select count(*) from access_user)"));

                List<String> imports = nodes.stream().map(node -> importSummary(node.log())).sorted().toList();
                assertEquals(List.of("0 new, 0 updated, 5 unchanged", "0 new, 0 updated, 5 unchanged", "5 new, 0 updated, 0 unchanged"),
                        imports, "the nodes took turns: the first wrote the file, the others found it in place");
            } finally {
                nodes.forEach(FieldcastServer::close);
            }
        }
    }

    @Test
    void aStationFileTheDatabaseRejectsIsAReportedProblemAndTheNodeServesTheStationsItHas() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            StationDatabase earlier = StationDatabase.open(db.url(), TestDatabase.USER, "");
            try {
                new StationImporter(earlier, new StationDirectory(earlier, change -> { })).importJson("""
                        {"sites":[{"id":"north","name":"North site","cameras":[
                          {"id":"north-fixed","name":"Fixed","host":"127.0.0.1","rtspPort":9}]}]}""", "earlier.json");
            } finally {
                earlier.close();
            }
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("alter table camera add constraint no_south check (site_id <> 'south')");
            }

            try (FieldcastServer node = FieldcastServer.onStations(STATIONS,
                    Map.of("FIELDCAST_DB_URL", db.url(), "FIELDCAST_DB_USER", TestDatabase.USER))) {
                assertEquals(200, node.get("health/ready").statusCode());
                String cameras = node.get("api/cameras").body();
                assertTrue(cameras.contains("\"id\":\"north-fixed\""), cameras);
                assertFalse(cameras.contains("north-ptz") || cameras.contains("south-fixed"), "the file is rolled back: " + cameras);
                String problems = node.getAsAdmin("api/problems").body();
                assertTrue(problems.contains("sites 'north', 'south'") && problems.contains("not imported")
                        && problems.contains("no_south"), problems);
                assertTrue(node.log().contains("not imported, nothing of it was written"), node.logTail(40));
            }
        }
    }

    @Test
    void aNodeWhoseApplicationDoesNotDeployExitsNonZeroAndIsNeverReady() throws Exception {
        // Refused at once: a port bound, never listening, for as long as the test runs.
        try (Socket deadDatabase = new Socket()) {
            deadDatabase.bind(new InetSocketAddress("127.0.0.1", 0));
            List<FieldcastServer> nodes = List.of(
                    // Fails deployment validation (web.SettingsCheck): Payara never starts the application.
                    FieldcastServer.launch(Map.of("FIELDCAST_PTZ_LEASE", "banana", "FIELDCAST_DEMO_ENABLED", "false"), null),
                    // Fails while the application starts (no station database): deployed, then dead.
                    FieldcastServer.launch(Map.of("FIELDCAST_DB_URL", "jdbc:postgresql://127.0.0.1:" + deadDatabase.getLocalPort()
                            + "/fieldcast", "FIELDCAST_DEMO_ENABLED", "false"), null));
            try {
                List<List<Integer>> probes = List.of(new ArrayList<>(), new ArrayList<>());
                long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
                while (nodes.stream().anyMatch(FieldcastServer::isAlive) && System.nanoTime() < deadline) {
                    for (int i = 0; i < nodes.size(); i++) {
                        if (nodes.get(i).isAlive()) {
                            readiness(nodes.get(i)).ifPresent(probes.get(i)::add);
                        }
                    }
                    Thread.sleep(250);
                }
                for (int i = 0; i < nodes.size(); i++) {
                    FieldcastServer node = nodes.get(i);
                    OptionalInt exit = node.awaitExit(Duration.ofSeconds(1));
                    assertTrue(exit.isPresent(), "still running:\n" + node.logTail(40));
                    assertNotEquals(0, exit.getAsInt(), node.logTail(40));
                    assertFalse(probes.get(i).contains(200), "/health/ready answered " + probes.get(i));
                    assertTrue(node.log().contains("Fieldcast did not deploy"), node.logTail(40));
                }
                assertTrue(nodes.get(0).log().contains("fieldcast.ptz.lease = 'banana'"), nodes.get(0).logTail(40));
                assertTrue(nodes.get(1).log().contains("cannot be reached"), nodes.get(1).logTail(40));
            } finally {
                nodes.forEach(FieldcastServer::close);
            }
        }
    }

    /** The status of /health/ready on the plain port, if the server answers at all yet. */
    private static OptionalInt readiness(FieldcastServer node) {
        try {
            HttpResponse<Void> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.plainUri("health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return OptionalInt.of(answer.statusCode());
        } catch (IOException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    private static String importSummary(String log) {
        Matcher m = Pattern.compile("Imported stations from \\S+: (\\d+ new, \\d+ updated, \\d+ unchanged)").matcher(log);
        return m.find() ? m.group(1) : "no import in the log";
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

}
