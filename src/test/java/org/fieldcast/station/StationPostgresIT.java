package org.fieldcast.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The migrations, the import and the directory against a real PostgreSQL, in a database of its own
 * that is created for the run and dropped after it. Server: the system properties
 * {@code fieldcast.it.pg-host}, {@code -port}, {@code -user}, or else {@code PGHOST}, {@code PGPORT},
 * {@code PGUSER}; by default the local server on 127.0.0.1:5432 as {@code postgres}, trust authentication.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StationPostgresIT {

    private static final String HOST = setting("fieldcast.it.pg-host", "PGHOST", "127.0.0.1");
    private static final String PORT = setting("fieldcast.it.pg-port", "PGPORT", "5432");
    private static final String USER = setting("fieldcast.it.pg-user", "PGUSER", "postgres");
    private static final String PASSWORD = setting("fieldcast.it.pg-password", "PGPASSWORD", "");
    private static final String NAME = "fieldcast_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private static StationDatabase database;
    private static StationDirectory directory;
    private static StationImporter importer;
    private static final List<StationsChanged> events = java.util.Collections.synchronizedList(new ArrayList<>());

    private static String setting(String property, String env, String fallback) {
        String value = System.getProperty(property, System.getenv(env));
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String url(String db) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + db;
    }

    private static void admin(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @BeforeAll
    static void createDatabase() throws SQLException {
        admin("create database " + NAME);
        database = StationDatabase.open(url(NAME), USER, PASSWORD);
        directory = new StationDirectory(database, events::add);
        importer = new StationImporter(database, directory);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (database != null) {
            database.close();
        }
        admin("alter database " + NAME + " allow_connections true");
        admin("drop database if exists " + NAME + " with (force)");
    }

    private static List<List<Object>> rows(String query) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url(NAME), USER, PASSWORD);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery(query)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(r.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    @Order(1)
    void migrationsRanOnPostgres() throws SQLException {
        assertEquals(List.of(List.of("1", true), List.of("2", true), List.of("3", true), List.of("4", true),
                        List.of("5", true), List.of("6", true), List.of("7", true), List.of("8", true),
                        List.of("9", true)),
                rows("select version, success from flyway_schema_history where version is not null order by installed_rank"));
        assertEquals(List.of(List.of("YES")), rows("select is_nullable::text from information_schema.columns"
                + " where table_name = 'camera' and column_name = 'substream_path'"), "V9: a camera's substream is optional");
        assertEquals(List.of(List.of("camera"), List.of("gateway"), List.of("port_mapping"), List.of("site"), List.of("site_key")),
                rows("select table_name from information_schema.tables where table_schema = 'public'"
                        + " and table_name in ('site', 'gateway', 'camera', 'port_mapping', 'site_key') order by 1"));
        assertEquals(List.of(List.of("camera_changed"), List.of("gateway_changed"), List.of("port_mapping_changed"),
                        List.of("site_changed")),
                rows("select distinct trigger_name::text from information_schema.triggers order by 1"));
    }

    @Test
    @Order(2)
    void theExampleFileImportsIntoRows() throws SQLException {
        StationImport report = importer.importFile(Path.of("docs", "examples", "stations.example.json"));

        assertEquals(new StationImport(3, 0, 0, List.of()), report);
        assertEquals(List.of(List.of("a7-km12", "A7 km 12 over-height detection")), rows("select id, name from site"));
        assertEquals(List.of(
                List.of("a7-km12-north", "a7-km12", "FIXED", "192.168.10.22", 554, 80, "/?inst=1&h26x=4", "DIGEST",
                        "user", true, false),
                List.of("a7-km12-ptz", "a7-km12", "PTZ", "192.168.10.21", 554, 80, "/?inst=1&h26x=4", "DIGEST",
                        "user", true, false)),
                rows("select id, site_id, type, host, rtsp_port, http_port, rtsp_path, auth_mode, username,"
                        + " enabled, always_on from camera order by id"));
        assertEquals(List.of(new StationsChanged(Set.of("a7-km12-ptz", "a7-km12-north"), Set.of(), Set.of())), events);
    }

    @Test
    @Order(3)
    void aSecondImportChangesNothing() {
        events.clear();
        assertEquals(new StationImport(0, 0, 3, List.of()),
                importer.importFile(Path.of("docs", "examples", "stations.example.json")));
        assertEquals(List.of(), events);
    }

    @Test
    @Order(4)
    void theDirectoryKeepsItsSnapshotWhileTheDatabaseIsGoneAndRecovers() throws SQLException {
        events.clear();
        admin("alter database " + NAME + " allow_connections false");
        admin("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + NAME + "'");

        directory.reload();

        assertEquals(2, directory.cameras().size(), "the last snapshot stays");
        assertEquals(1, directory.problems().size(), directory.problems()::toString);
        assertEquals("database", directory.problems().get(0).source());

        admin("alter database " + NAME + " allow_connections true");
        rows("update camera set rtsp_port = 8554 where id = 'a7-km12-ptz' returning id");
        directory.reload();

        assertEquals(List.of(), directory.problems());
        assertEquals(8554, directory.camera("a7-km12-ptz").orElseThrow().rtspPort());
        assertEquals(List.of(new StationsChanged(Set.of(), Set.of("a7-km12-ptz"), Set.of())), events);
        assertTrue(database.safeUrl().endsWith("/" + NAME));
    }

    @Test
    @Order(5)
    void connectionsKilledByTheServerAreReplacedWithoutAProblem() throws SQLException {
        events.clear();
        admin("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + NAME + "'"
                + " and pid <> pg_backend_pid()");
        rows("update camera set http_port = 8080 where id = 'a7-km12-north' returning id");

        directory.reload();

        assertEquals(List.of(), directory.problems());
        assertEquals(8080, directory.camera("a7-km12-north").orElseThrow().httpPort());
        assertEquals(List.of(new StationsChanged(Set.of(), Set.of("a7-km12-north"), Set.of())), events);
    }

    @Test
    @Order(6)
    void notificationsReloadTheDirectoryWithoutPollingAndSurviveALostConnection() throws Exception {
        directory.pollInterval = java.time.Duration.ofHours(1); // a poll cannot explain what follows
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService listener = Executors.newSingleThreadExecutor();
        try {
            directory.startWatching(timer, listener);
            awaitTrue("listening", directory::notified);
            events.clear();

            long written = System.nanoTime();
            rows("update camera set rtsp_port = 9554 where id = 'a7-km12-ptz' returning id");
            awaitTrue("the change announced", () -> !events.isEmpty());
            double seconds = (System.nanoTime() - written) / 1e9;
            assertEquals(List.of(new StationsChanged(Set.of(), Set.of("a7-km12-ptz"), Set.of())), events);
            assertTrue(seconds < 2, "reloaded " + seconds + " s after the write");

            admin("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + NAME + "'");
            events.clear();
            rows("update camera set rtsp_port = 9555 where id = 'a7-km12-ptz' returning id");
            awaitTrue("the change made while reconnecting", () -> !events.isEmpty());
            awaitTrue("listening again", directory::notified);
            assertEquals(9555, directory.camera("a7-km12-ptz").orElseThrow().rtspPort());
        } finally {
            directory.stopWatching();
            timer.shutdownNow();
            listener.shutdownNow();
        }
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
