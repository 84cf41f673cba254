package org.fieldcast.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Gateways with port mappings in station files, and the camera routes the directory builds from their rows. */
class GatewayImportTest {

    private StationDatabase database;
    private StationDirectory directory;
    private StationImporter importer;
    private final List<StationsChanged> events = new ArrayList<>();

    @BeforeEach
    void open() {
        database = TestDatabases.freshH2();
        directory = new StationDirectory(database, events::add);
        importer = new StationImporter(database, directory);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void sql(String statement) {
        database.inTransaction(em -> em.createNativeQuery(statement).executeUpdate());
    }

    /** A site whose camera sits behind an inner gateway that sits behind an outer one, written inner first. */
    private static final String TWO_HOPS = """
            {"sites": [{"id": "s", "name": "Site",
              "gateways": [
                {"id": "inner", "publicHost": "10.88.0.2", "parent": "outer", "portMappings": [
                  {"protocol": "rtsp", "innerHost": "10.20.0.11", "innerPort": 554, "outerPort": 20554},
                  {"protocol": "HTTP", "innerHost": "10.20.0.11", "innerPort": 80, "outerPort": 20080},
                  {"protocol": "rtsp", "innerHost": "10.20.0.12", "innerPort": 554, "outerPort": 21554}]},
                {"id": "outer", "name": "Cellular router", "publicHost": "198.51.100.7", "portMappings": [
                  {"protocol": "rtsp", "innerHost": "10.88.0.2", "innerPort": 20554, "outerPort": 30554},
                  {"protocol": "http", "innerHost": "10.88.0.2", "innerPort": 20080, "outerPort": 30080},
                  {"protocol": "rtsp", "innerHost": "10.88.0.2", "innerPort": 21554, "outerPort": 31554}]}],
              "cameras": [
                {"id": "cam-a", "name": "A", "host": "10.20.0.11", "gateway": "inner"},
                {"id": "cam-b", "name": "B", "host": "10.20.0.12", "gateway": "inner"}]}]}
            """;

    @Test
    void gatewaysImportParentsFirstAndEachCameraKeepsOnlyTheMappingsOnItsWay() {
        StationImport report = importer.importJson(TWO_HOPS, "two-hops.json");

        assertEquals(new StationImport(5, 0, 0, List.of()), report);
        CameraConfig a = directory.camera("cam-a").orElseThrow();
        assertEquals(List.of(
                new GatewayHop("inner", "10.88.0.2", List.of(
                        new PortForward(PortProtocol.HTTP, "10.20.0.11", 80, 20080),
                        new PortForward(PortProtocol.RTSP, "10.20.0.11", 554, 20554))),
                new GatewayHop("outer", "198.51.100.7", List.of(
                        new PortForward(PortProtocol.HTTP, "10.88.0.2", 20080, 30080),
                        new PortForward(PortProtocol.RTSP, "10.88.0.2", 20554, 30554)))), a.gateways());
        assertEquals(new GatewayRoute("198.51.100.7", 30554, List.of("inner", "outer"), List.of(
                new PortForward(PortProtocol.RTSP, "10.20.0.11", 554, 20554),
                new PortForward(PortProtocol.RTSP, "10.88.0.2", 20554, 30554)), null), a.routeThroughGateways(PortProtocol.RTSP));
        assertEquals("gateway 'inner' has no http port mapping to 10.20.0.12:80",
                directory.camera("cam-b").orElseThrow().routeThroughGateways(PortProtocol.HTTP).problem());
        assertEquals(new StationImport(0, 0, 5, List.of()), importer.importJson(TWO_HOPS, "two-hops.json"),
                "a second import changes nothing");
    }

    @Test
    void aChangedMappingChangesOnlyTheCamerasOnItsWayAndRestartsOnlyForRtsp() {
        importer.importJson(TWO_HOPS, "two-hops.json");
        CameraConfig before = directory.camera("cam-a").orElseThrow();
        events.clear();

        sql("update port_mapping set outer_port = 31555 where gateway_id = 'outer' and outer_port = 31554");
        directory.reload();
        assertEquals(List.of(new StationsChanged(Set.of(), Set.of("cam-b"), Set.of())), events);

        events.clear();
        sql("update port_mapping set outer_port = 30081 where gateway_id = 'outer' and outer_port = 30080");
        directory.reload();
        CameraConfig after = directory.camera("cam-a").orElseThrow();
        assertEquals(List.of(new StationsChanged(Set.of(), Set.of("cam-a"), Set.of())), events);
        assertTrue(!before.streamDiffers(after), "an HTTP mapping does not restart the stream");

        sql("update gateway set public_host = '198.51.100.8' where id = 'outer'");
        directory.reload();
        assertTrue(after.streamDiffers(directory.camera("cam-a").orElseThrow()), "a new public address does");
    }

    @Test
    void rowsWithAnUnknownGatewayOrALoopAreLeftOutAndReportedWhileTheOthersLoad() {
        importer.importJson(TWO_HOPS, "two-hops.json");
        sql("insert into camera (id, site_id, name, host, gateway_id) values ('cam-c', 's', 'C', '10.20.0.13', 'gone')");
        sql("insert into site (id, name) values ('t', 'Other')");
        sql("insert into gateway (id, site_id, name, public_host) values ('theirs', 't', 'Theirs', '203.0.113.9')");
        sql("insert into camera (id, site_id, name, host, gateway_id) values ('cam-d', 's', 'D', '10.20.0.14', 'theirs')");
        directory.reload();

        assertEquals(List.of("cam-a", "cam-b"), directory.cameras().stream().map(CameraConfig::id).toList());
        assertEquals(List.of(
                new StationProblem("database", "site 's' camera 'cam-c'", "gateway 'gone' does not exist"),
                new StationProblem("database", "site 's' camera 'cam-d'",
                        "gateway 'theirs' belongs to site 't', not to the camera's site")), directory.problems());

        sql("update gateway set parent_id = 'inner' where id = 'outer'");
        directory.reload();
        assertEquals(List.of(), directory.cameras().stream().map(CameraConfig::id).filter(id -> id.startsWith("cam-a")).toList());
        assertTrue(directory.problems().stream().anyMatch(p -> p.message().equals(
                "gateways 'inner' -> 'outer' -> 'inner' form a loop")), directory.problems()::toString);
    }

    @Test
    void badGatewayEntriesAndUnknownReferencesAreSkippedWithReasons() {
        StationImport report = importer.importJson("""
                {"sites": [{"id": "s", "name": "Site",
                  "gateways": [
                    {"id": "ok", "publicHost": "198.51.100.7"},
                    {"id": "Bad Id", "publicHost": "198.51.100.8"},
                    {"id": "no-host"},
                    {"id": "odd", "publicHost": "198.51.100.9", "portMappings": [
                      {"protocol": "ftp", "innerHost": "10.0.0.1", "innerPort": 21, "outerPort": 2121},
                      {"protocol": "rtsp", "innerHost": "10.0.0.1", "innerPort": 554, "outerPort": 70000}]},
                    {"id": "orphan", "publicHost": "10.1.1.1", "parent": "missing"}],
                  "cameras": [
                    {"id": "fine", "name": "Fine", "host": "10.0.0.2", "gateway": "ok"},
                    {"id": "lost", "name": "Lost", "host": "10.0.0.3", "gateway": "odd"}]}]}
                """, "gateways.json");

        assertEquals(List.of(
                "site 's' gateway #2 ('Bad Id'): id must match [a-z0-9][a-z0-9-]{0,62}, was 'Bad Id'; gateway skipped",
                "site 's' gateway #3 ('no-host'): publicHost must be non-empty and without spaces, was nothing; gateway skipped",
                "site 's' gateway #4 ('odd'): port mapping #1: protocol must be one of rtsp, http, https, was 'ftp'; gateway skipped",
                "site 's' gateway #4 ('odd'): port mapping #2: outerPort must be 1..65535, was 70000; gateway skipped",
                "site 's' gateway 'orphan': parent 'missing' is neither in the file nor in the database; gateway skipped",
                "site 's' camera 'lost': gateway 'odd' is neither in the file nor in the database; camera skipped"),
                report.problems().stream().map(p -> p.subject() + ": " + p.message()).toList());
        assertEquals(List.of("fine"), directory.cameras().stream().map(CameraConfig::id).toList());
    }
}
