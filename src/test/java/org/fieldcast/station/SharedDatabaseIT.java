package org.fieldcast.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.fieldcast.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Several nodes on one PostgreSQL database, each played by a {@link StationDatabase} of its own (its
 * own Flyway run, persistence unit and connection pool), all starting at the same moment.
 */
class SharedDatabaseIT {

    private static final int NODES = 4;

    @Test
    void nodesMigratingAnEmptyDatabaseTogetherRunEachMigrationOnce() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            List<StationDatabase> nodes = together(NODES, i -> StationDatabase.open(db.url(), TestDatabase.USER, ""));
            try {
                List<List<Object>> history = db.rows("select version, count(*), bool_and(success) from flyway_schema_history"
                        + " where version is not null group by version order by version::int");
                assertEquals(9, history.size(), history::toString);
                history.forEach(row -> assertEquals(List.of(1L, true), row.subList(1, 3), "each version once: " + history));
            } finally {
                nodes.forEach(StationDatabase::close);
            }
        }
    }

    @Test
    void nodesImportingOneFileTogetherWriteItOnceAndTheOthersChangeNothing() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            StationDatabase.open(db.url(), TestDatabase.USER, "").close(); // migrated before the race
            List<StationDatabase> nodes = new ArrayList<>();
            List<StationImporter> importers = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                StationDatabase node = StationDatabase.open(db.url(), TestDatabase.USER, "");
                nodes.add(node);
                importers.add(new StationImporter(node, new StationDirectory(node, change -> { })));
            }
            try {
                // Several rounds, each a file of its own on the shared database: one round may not race.
                for (int n = 0; n < 5; n++) {
                    int round = n;
                    String file = stations("r" + round);
                    String source = "stations-" + round + ".json";
                    List<StationImport> reports = together(NODES, i -> importers.get(i).importJson(file, source));

                    reports.forEach(report -> assertEquals(List.of(), report.problems(), "round " + round + ": " + reports));
                    assertEquals(1, reports.stream().filter(r -> r.imported() == 5).count(), "one node wrote it: " + reports);
                    assertEquals(NODES - 1, reports.stream().filter(r -> r.imported() == 0 && r.updated() == 0 && r.unchanged() == 5)
                            .count(), "the others found it in place: " + reports);
                }
                assertEquals(List.of(List.of(5L, 10L, 10L, 10L)), db.rows("select (select count(*) from site),"
                        + " (select count(*) from gateway), (select count(*) from camera), (select count(*) from port_mapping)"));
            } finally {
                nodes.forEach(StationDatabase::close);
            }
        }
    }

    @Test
    void anImportTheDatabaseRejectsIsAProblemWithTheDatabasesReasonAndNoPassword() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            StationDatabase node = StationDatabase.open(db.url(), TestDatabase.USER, "");
            try {
                // PostgreSQL's detail line quotes the whole failing row, the camera's password with it.
                execute(db, "alter table camera add constraint no_typos check (name <> 'Typo')");
                List<StationsChanged> changes = new ArrayList<>();
                StationDirectory directory = new StationDirectory(node, changes::add);
                StationImporter importer = new StationImporter(node, directory);

                StationImport report = importer.importJson("""
                        {"sites":[{"id":"roadside","name":"Roadside","cameras":[
                          {"id":"cam-1","name":"Typo","host":"192.0.2.1","auth":"BASIC","username":"u","password":"pg-secret-4711"}
                        ]}]}""", "stations.json");

                assertEquals(1, report.problems().size(), report::toString);
                StationProblem problem = report.problems().get(0);
                assertEquals("stations.json", problem.source());
                assertEquals("site 'roadside'", problem.subject());
                assertTrue(problem.message().startsWith("not imported, nothing of it was written: "), problem::message);
                assertTrue(problem.message().contains("no_typos"), problem::message);
                assertFalse(problem.message().contains("pg-secret-4711"), problem::message);
                assertEquals(List.of(problem), directory.problems());
                assertEquals(List.of(List.of(0L)), db.rows("select count(*) from site"), "rolled back as a whole");
            } finally {
                node.close();
            }
        }
    }

    /** A site, two gateways (one behind the other) and two cameras: five entries. */
    private static String stations(String prefix) {
        return """
                {"sites":[{"id":"%1$s-site","name":"Site %1$s",
                  "gateways":[
                    {"id":"%1$s-router","name":"Router","publicHost":"198.51.100.7","portMappings":[
                      {"protocol":"rtsp","innerHost":"10.88.0.2","innerPort":30554,"outerPort":20554}]},
                    {"id":"%1$s-switch","name":"Switch","publicHost":"10.88.0.2","parent":"%1$s-router","portMappings":[
                      {"protocol":"rtsp","innerHost":"10.77.2.11","innerPort":554,"outerPort":30554}]}],
                  "cameras":[
                    {"id":"%1$s-fixed","name":"Fixed","host":"10.77.2.11","gateway":"%1$s-switch"},
                    {"id":"%1$s-ptz","name":"PTZ","type":"PTZ","host":"192.0.2.5"}]}]}
                """.formatted(prefix);
    }

    /** Runs {@code work} for nodes 0..n-1 on threads of their own, released at the same moment. */
    private static <T> List<T> together(int n, Function<Integer, T> work) throws Exception {
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int node = i;
                results.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return work.apply(node);
                }));
            }
            List<T> values = new ArrayList<>();
            for (Future<T> result : results) {
                values.add(result.get(120, TimeUnit.SECONDS));
            }
            return values;
        } finally {
            threads.shutdownNow();
        }
    }

    private static void execute(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

}
