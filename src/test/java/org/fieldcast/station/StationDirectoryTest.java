package org.fieldcast.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StationDirectoryTest {

    private StationDatabase database;
    private StationDirectory directory;
    private final List<StationsChanged> events = new ArrayList<>();

    @BeforeEach
    void open() {
        database = TestDatabases.freshH2();
        directory = new StationDirectory(database, events::add);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void sql(String statement) {
        database.inTransaction(em -> em.createNativeQuery(statement).executeUpdate());
    }

    private List<String> cameraIds() {
        return directory.cameras().stream().map(CameraConfig::id).toList();
    }

    @Test
    void reloadsSeeRowsWrittenByOtherSystems() {
        sql("insert into site (id, name) values ('s1', 'Site')");
        sql("insert into camera (id, site_id, name, host) values ('a', 's1', 'A', '127.0.0.1')");
        sql("insert into camera (id, site_id, name, host) values ('b', 's1', 'B', '127.0.0.1')");
        directory.reload();
        assertEquals(List.of(new StationsChanged(Set.of("a", "b"), Set.of(), Set.of())), events);

        events.clear();
        sql("update camera set rtsp_port = 8554 where id = 'a'");
        sql("delete from camera where id = 'b'");
        sql("insert into camera (id, site_id, name, host) values ('c', 's1', 'C', '127.0.0.1')");
        directory.reload();

        assertEquals(List.of(new StationsChanged(Set.of("c"), Set.of("a"), Set.of("b"))), events);
        assertEquals(8554, directory.camera("a").orElseThrow().rtspPort());
        assertEquals(List.of("a", "c"), cameraIds());
    }

    @Test
    void aReloadWithoutChangesFiresNothing() {
        sql("insert into site (id, name) values ('s1', 'Site')");
        sql("insert into camera (id, site_id, name, host) values ('a', 's1', 'A', '127.0.0.1')");
        directory.reload();
        events.clear();
        directory.reload();
        assertEquals(List.of(), events);
    }

    @Test
    void camerasAreSortedBySiteThenNameAndSitesCountTheirCameras() {
        sql("insert into site (id, name) values ('s-b', 'Bravo'), ('s-a', 'alpha'), ('s-empty', 'Charlie')");
        sql("insert into camera (id, site_id, name, host) values"
                + " ('b2', 's-b', 'Zulu', '127.0.0.1'), ('b1', 's-b', 'Echo', '127.0.0.1'),"
                + " ('a1', 's-a', 'Yankee', '127.0.0.1')");
        directory.reload();

        assertEquals(List.of("a1", "b1", "b2"), cameraIds());
        assertEquals(List.of(new SiteSummary("s-a", "alpha", 1), new SiteSummary("s-b", "Bravo", 2),
                new SiteSummary("s-empty", "Charlie", 0)), directory.sites());
    }

    @Test
    void badRowsAreLeftOutAndReportedWhileTheOthersLoad() {
        sql("insert into site (id, name) values ('s1', 'Site')");
        sql("insert into camera (id, site_id, name, host, rtsp_port) values ('bad', 's1', 'Bad', '127.0.0.1', 0)");
        sql("insert into camera (id, site_id, name, host, auth_mode, password)"
                + " values ('no-user', 's1', 'No user', '127.0.0.1', 'DIGEST', 'row-secret')");
        sql("insert into camera (id, site_id, name, host) values ('good', 's1', 'Good', '127.0.0.1')");
        directory.reload();

        assertEquals(List.of("good"), cameraIds());
        assertEquals(List.of(new SiteSummary("s1", "Site", 1)), directory.sites());
        List<String> problems = directory.problems().stream().map(StationProblem::describe).sorted().toList();
        assertEquals(List.of(
                "database: site 's1' camera 'bad': rtspPort must be 1..65535, was 0",
                "database: site 's1' camera 'no-user': username is required when auth is DIGEST"), problems);

        sql("update camera set rtsp_port = 554 where id = 'bad'");
        sql("update camera set username = 'user' where id = 'no-user'");
        directory.reload();
        assertEquals(List.of(), directory.problems());
        assertEquals(3, directory.cameras().size());
    }

    @Test
    void anUnreadableDatabaseKeepsTheLastSnapshotAndSaysSo() {
        sql("insert into site (id, name) values ('s1', 'Site')");
        sql("insert into camera (id, site_id, name, host) values ('a', 's1', 'A', '127.0.0.1')");
        directory.reload();
        events.clear();

        database.close();
        directory.reload();
        directory.reload();

        assertEquals(List.of("a"), cameraIds());
        assertEquals(List.of(), events);
        assertEquals(1, directory.problems().size(), directory.problems()::toString);
        StationProblem problem = directory.problems().get(0);
        assertEquals("database", problem.source());
        assertTrue(problem.subject().startsWith("jdbc:h2:mem:station-"), problem.subject());
        assertTrue(problem.message().startsWith("cannot be read, keeping the last known stations"), problem.message());
    }

    @Test
    void importProblemsStayUntilTheirSourceIsImportedAgain() {
        StationProblem first = new StationProblem("a.json", "file", "not valid JSON");
        StationProblem second = new StationProblem("b.json", "file", "does not exist");
        directory.reportProblems("a.json", List.of(first));
        directory.reportProblems("b.json", List.of(second));
        assertEquals(List.of(first, second), directory.problems());

        directory.reportProblems("a.json", List.of());
        assertEquals(List.of(second), directory.problems());
    }

    /** The text is MicroProfile Config's to convert (a bad one fails the start); a duration must also be positive. */
    @Test
    void thePollIntervalMustBePositive() {
        assertEquals(Duration.ofMillis(250), StationDirectory.requirePositive(Duration.ofMillis(250)));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> StationDirectory.requirePositive(Duration.ZERO));
        assertEquals("fieldcast.stations.poll-interval must be positive, was PT0S", zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StationDirectory.requirePositive(Duration.ofSeconds(-1)));
    }
}
