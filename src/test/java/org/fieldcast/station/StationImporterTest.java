package org.fieldcast.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StationImporterTest {

    private static final Path EXAMPLE = Path.of("docs", "examples", "stations.example.json");

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

    @Test
    void anImportTheDatabaseRejectsIsReportedRolledBackAndNeverThrown() {
        database.inTransaction(em -> em.createNativeQuery(
                "alter table camera add constraint test_reject check (id <> 'a7-km12-north')").executeUpdate());

        StationImport report = importer.importFile(EXAMPLE);

        assertEquals(0, report.imported(), report::toString);
        assertEquals(1, report.problems().size(), report::toString);
        StationProblem problem = report.problems().get(0);
        assertEquals(EXAMPLE.toString(), problem.source());
        assertEquals("site 'a7-km12'", problem.subject());
        assertTrue(problem.message().startsWith("not imported, nothing of it was written: ")
                && problem.message().toUpperCase().contains("TEST_REJECT"), problem::message);
        assertFalse(problem.message().contains("change-me"), problem::message);
        assertEquals(List.of(problem), directory.problems());
        assertEquals(List.of(), directory.sites(), "the site written before the failing camera is rolled back");
    }

    @Test
    void importsTheExampleFile() {
        StationImport report = importer.importFile(EXAMPLE);

        assertEquals(new StationImport(3, 0, 0, List.of()), report);
        assertEquals(List.of(new SiteSummary("a7-km12", "A7 km 12 over-height detection", 2)), directory.sites());
        CameraConfig ptz = directory.camera("a7-km12-ptz").orElseThrow();
        assertEquals(new CameraConfig("a7-km12-ptz", "PTZ dome", "a7-km12", "A7 km 12 over-height detection",
                CameraType.PTZ, "AUTODOME IP starlight 7000i", "192.168.10.21", 554, 80, 0, null, "/?inst=1&h26x=4",
                AuthMode.DIGEST, "user", "change-me", true, false, null, List.of(), VideoMode.COPY, AudioMode.AUTO,
                "/?inst=2&h26x=4"), ptz);
        CameraConfig fixed = directory.camera("a7-km12-north").orElseThrow();
        assertEquals(CameraType.FIXED, fixed.type(), "type defaults to FIXED");
        assertEquals(554, fixed.rtspPort());
        assertEquals(80, fixed.httpPort());
        assertTrue(fixed.enabled());
        assertFalse(fixed.alwaysOn());
        assertEquals(List.of(new StationsChanged(Set.of("a7-km12-ptz", "a7-km12-north"), Set.of(), Set.of())), events);
    }

    @Test
    void importingTwiceChangesNothingTheSecondTime() {
        importer.importFile(EXAMPLE);
        events.clear();

        StationImport second = importer.importFile(EXAMPLE);

        assertEquals(new StationImport(0, 0, 3, List.of()), second);
        assertEquals(List.of(), events);
    }

    @Test
    void aCameraWithABadPortIsSkippedWhileTheOtherLoads() {
        StationImport report = importer.importJson("""
                {"sites":[{"id":"a7-km12","name":"A7 km 12","cameras":[
                  {"id":"good-cam","name":"Good","host":"127.0.0.1","password":"pw-good"},
                  {"id":"bad-cam","name":"Bad","host":"127.0.0.1","rtspPort":70000,"password":"pw-bad"}]}]}
                """, "test.json");

        assertEquals(2, report.imported(), "the site and the good camera");
        assertEquals(List.of(new StationProblem("test.json", "site 'a7-km12' camera #2 ('bad-cam')",
                "rtspPort must be 1..65535, was 70000")), report.problems());
        assertEquals("test.json: site 'a7-km12' camera #2 ('bad-cam'): rtspPort must be 1..65535, was 70000",
                report.problems().get(0).describe());
        assertEquals(List.of("good-cam"), directory.cameras().stream().map(CameraConfig::id).toList());
        assertEquals(report.problems(), directory.problems(), "the directory keeps the import's problems");
    }

    @Test
    void aCameraMayAskForItsVideoReencodedToH264() {
        StationImport report = importer.importJson("""
                {"sites":[{"id":"a7-km12","name":"A7 km 12","cameras":[
                  {"id":"hevc-cam","name":"H.265 camera","host":"127.0.0.1","video":"h264"},
                  {"id":"plain-cam","name":"Plain","host":"127.0.0.1"},
                  {"id":"odd-cam","name":"Odd","host":"127.0.0.1","video":"vp9"}]}]}
                """, "test.json");

        assertEquals(List.of(new StationProblem("test.json", "site 'a7-km12' camera #3 ('odd-cam')",
                "video must be one of COPY, H264, was 'vp9'")), report.problems());
        assertEquals(VideoMode.H264, directory.camera("hevc-cam").orElseThrow().videoMode());
        assertEquals(VideoMode.COPY, directory.camera("plain-cam").orElseThrow().videoMode(), "the default remuxes");
    }

    @Test
    void aSubstreamPathIsImportedWhenGivenAndAbsentOtherwise() {
        StationImport report = importer.importJson("""
                {"sites":[{"id":"s","name":"S","cameras":[
                  {"id":"with-sub","name":"W","host":"127.0.0.1","substreamPath":"/?inst=2"},
                  {"id":"without-sub","name":"O","host":"127.0.0.1"},
                  {"id":"empty-sub","name":"E","host":"127.0.0.1","substreamPath":""}]}]}
                """, "sub.json");

        assertEquals(List.of(), report.problems());
        CameraConfig with = directory.camera("with-sub").orElseThrow();
        assertTrue(with.hasSubstream());
        assertEquals("/?inst=2", with.substreamPath());
        assertEquals("/?inst=1", with.rtspPath(), "the main stream keeps its own path");
        assertEquals("/?inst=2", with.substream().rtspPath(), "the substream's pull reads the substream path");
        assertFalse(directory.camera("without-sub").orElseThrow().hasSubstream());
        assertFalse(directory.camera("empty-sub").orElseThrow().hasSubstream(), "empty says none, like a missing field");
        assertEquals(new StationImport(0, 0, 4, List.of()), importer.importJson("""
                {"sites":[{"id":"s","name":"S","cameras":[
                  {"id":"with-sub","name":"W","host":"127.0.0.1","substreamPath":"/?inst=2"},
                  {"id":"without-sub","name":"O","host":"127.0.0.1"},
                  {"id":"empty-sub","name":"E","host":"127.0.0.1","substreamPath":""}]}]}
                """, "sub.json"), "read back from the database it is the same camera");
    }

    @Test
    void aBadSubstreamPathSkipsOnlyItsCamera() {
        StationImport report = importer.importJson("""
                {"sites":[{"id":"s","name":"S","cameras":[
                  {"id":"no-slash","name":"N","host":"127.0.0.1","substreamPath":"?inst=2"},
                  {"id":"too-long","name":"T","host":"127.0.0.1","substreamPath":"/%s"},
                  {"id":"not-text","name":"X","host":"127.0.0.1","substreamPath":2},
                  {"id":"fine","name":"F","host":"127.0.0.1","substreamPath":"/?inst=2"}]}]}
                """.formatted("a".repeat(1024)), "badsub.json");

        assertEquals(List.of(
                new StationProblem("badsub.json", "site 's' camera #1 ('no-slash')", "substreamPath must start with '/', was '?inst=2'"),
                new StationProblem("badsub.json", "site 's' camera #2 ('too-long')", "substreamPath must be at most 1024 characters, was 1025"),
                new StationProblem("badsub.json", "site 's' camera #3 ('not-text')", "substreamPath must be a string, was 2")),
                report.problems());
        assertEquals(List.of("fine"), directory.cameras().stream().map(CameraConfig::id).toList());
    }

    @Test
    void aChangedSubstreamPathChangesTheCameraButNotItsMainStream() {
        importer.importJson("""
                {"sites":[{"id":"s","name":"S","cameras":[{"id":"c","name":"C","host":"127.0.0.1","substreamPath":"/?inst=2"}]}]}
                """, "a.json");
        CameraConfig before = directory.camera("c").orElseThrow();
        events.clear();

        importer.importJson("""
                {"sites":[{"id":"s","name":"S","cameras":[{"id":"c","name":"C","host":"127.0.0.1","substreamPath":"/?inst=3"}]}]}
                """, "b.json");

        CameraConfig after = directory.camera("c").orElseThrow();
        assertEquals(List.of(new StationsChanged(Set.of(), Set.of("c"), Set.of())), events);
        assertFalse(before.streamDiffers(after), "the main stream's pull does not restart");
        assertTrue(before.substream().streamDiffers(after.substream()), "the substream's does");
    }

    @Test
    void everyRuleNamesItsCameraAndFieldAndNoPasswordIsEverShown() {
        StationImport report = importer.importJson("""
                {"sites":[{"id":"s","name":"S","cameras":[
                  {"id":"Bad Id","name":"","type":"DOME","host":"has space","httpPort":0,"rtspPath":"nope",
                   "auth":"KERBEROS","password":"hunter2-secret"},
                  {"name":"No id","host":"127.0.0.1","auth":"BASIC","password":"hunter2-secret"},
                  {"id":"wrong-types","name":"W","host":"127.0.0.1","rtspPort":"554","enabled":"yes",
                   "password":12345678},
                  "not an object"]}]}
                """, "rules.json");

        List<String> lines = report.problems().stream().map(StationProblem::describe).toList();
        String subject1 = "rules.json: site 's' camera #1 ('Bad Id'): ";
        assertTrue(lines.contains(subject1 + "id must match [a-z0-9][a-z0-9-]{0,62}, was 'Bad Id'"), lines::toString);
        assertTrue(lines.contains(subject1 + "name must not be empty"), lines::toString);
        assertTrue(lines.contains(subject1 + "type must be one of FIXED, PTZ, was 'DOME'"), lines::toString);
        assertTrue(lines.contains(subject1 + "host must be non-empty and without spaces, was 'has space'"),
                lines::toString);
        assertTrue(lines.contains(subject1 + "httpPort must be 1..65535, was 0"), lines::toString);
        assertTrue(lines.contains(subject1 + "rtspPath must start with '/', was 'nope'"), lines::toString);
        assertTrue(lines.contains(subject1 + "auth must be one of NONE, BASIC, DIGEST, was 'KERBEROS'"),
                lines::toString);
        assertTrue(lines.contains("rules.json: site 's' camera #2: id must match [a-z0-9][a-z0-9-]{0,62}, was nothing"),
                lines::toString);
        assertTrue(lines.contains("rules.json: site 's' camera #2: username is required when auth is BASIC"),
                lines::toString);
        String subject3 = "rules.json: site 's' camera #3 ('wrong-types'): ";
        assertTrue(lines.contains(subject3 + "rtspPort must be 1..65535, was '554'"), lines::toString);
        assertTrue(lines.contains(subject3 + "enabled must be true or false, was 'yes'"), lines::toString);
        assertTrue(lines.contains(subject3 + "password must be a string"), lines::toString);
        assertTrue(lines.contains("rules.json: site 's' camera #4: must be an object, was STRING"), lines::toString);
        assertFalse(lines.toString().contains("hunter2"), lines::toString);
        assertFalse(lines.toString().contains("12345678"), lines::toString);
        assertEquals(List.of(), directory.cameras());
        assertEquals(1, report.imported(), "only the site");
    }

    @Test
    void valuesTooLongForTheirColumnsSkipOnlyTheirCamera() {
        String longSecret = "s".repeat(300);
        StationImport report = importer.importJson("""
                {"sites":[{"id":"s","name":"S","cameras":[
                  {"id":"long","name":"L","host":"127.0.0.1","auth":"BASIC","username":"u","password":"%s"},
                  {"id":"fine","name":"F","host":"127.0.0.1"}]}]}
                """.formatted(longSecret), "long.json");

        assertEquals(List.of(new StationProblem("long.json", "site 's' camera #1 ('long')",
                "password must be at most 255 characters, was 300")), report.problems());
        assertEquals(List.of("fine"), directory.cameras().stream().map(CameraConfig::id).toList());
        assertFalse(report.toString().contains(longSecret));
    }

    @Test
    void definitionsNeverPrintTheirPassword() {
        CameraDefinition definition = new CameraDefinition("c", "C", CameraType.FIXED, null, "127.0.0.1", 554, 80,
                0, null, "/", AuthMode.DIGEST, "user", "printed-nowhere", "fc1:printed-nowhere-either", null, true, false, VideoMode.COPY, AudioMode.AUTO,
                null);
        assertFalse(definition.toString().contains("printed-nowhere"), definition::toString);
        assertFalse(definition.toConfig("s", "S", List.of()).toString().contains("printed-nowhere"));
    }

    @Test
    void invalidJsonGivesOneErrorWithItsPositionAndImportsNothing() {
        StationImport report = importer.importJson("""
                {"sites":[{"id":"s","name":"S","cameras":[
                  {"id":"c","name":"C" "host":"127.0.0.1"}]}]}
                """, "broken.json");

        assertEquals(0, report.imported() + report.updated() + report.unchanged());
        assertEquals(1, report.problems().size(), report.problems()::toString);
        StationProblem problem = report.problems().get(0);
        assertEquals("file", problem.subject());
        assertTrue(problem.message().startsWith("not valid JSON at line 2, column "), problem.message());
        assertEquals(List.of(), directory.sites());
    }

    @Test
    void aFileWithoutASitesArrayImportsNothing() {
        StationImport report = importer.importJson("[1, 2]", "array.json");
        assertEquals(List.of(new StationProblem("array.json", "file",
                "expected an object with a \"sites\" array at the top")), report.problems());
    }

    @Test
    void aChangedCameraIsUpdatedAndOthersAreLeftAlone() {
        importer.importFile(EXAMPLE);
        events.clear();

        StationImport report = importer.importJson("""
                {"sites":[{"id":"a7-km12","name":"A7 km 12 over-height detection","cameras":[
                  {"id":"a7-km12-north","name":"Fixed camera northbound","model":"DINION IP 5000i",
                   "host":"192.168.10.23","rtspPath":"/?inst=2","auth":"DIGEST","username":"user",
                   "password":"change-me"}]}]}
                """, "update.json");

        assertEquals(new StationImport(0, 1, 1, List.of()), report);
        CameraConfig north = directory.camera("a7-km12-north").orElseThrow();
        assertEquals("192.168.10.23", north.host());
        assertEquals("/?inst=2", north.rtspPath());
        assertTrue(directory.camera("a7-km12-ptz").isPresent(), "a camera the file does not mention stays");
        assertEquals(List.of(new StationsChanged(Set.of(), Set.of("a7-km12-north"), Set.of())), events);
    }

    @Test
    void aCameraCanMoveToAnotherSiteAndSiteNamesUpdate() {
        importer.importFile(EXAMPLE);
        StationImport report = importer.importJson("""
                {"sites":[{"id":"a7-km13","name":"A7 km 13","cameras":[
                  {"id":"a7-km12-north","name":"Fixed camera northbound","model":"DINION IP 5000i",
                   "host":"192.168.10.22","rtspPath":"/?inst=1&h26x=4","auth":"DIGEST","username":"user",
                   "password":"change-me"}]},
                  {"id":"a7-km12","name":"A7 km 12 renamed"}]}
                """, "move.json");

        assertEquals(new StationImport(1, 2, 0, List.of()), report);
        assertEquals("a7-km13", directory.camera("a7-km12-north").orElseThrow().siteId());
        assertEquals("A7 km 12 renamed", directory.camera("a7-km12-ptz").orElseThrow().siteName());
    }

    @Test
    void duplicateIdsAndUnknownFieldsAreReported() {
        StationImport report = importer.importJson("""
                {"sites":[{"id":"s","name":"S","cameras":[
                  {"id":"c","name":"First","host":"127.0.0.1","rtspport":8554},
                  {"id":"c","name":"Second","host":"127.0.0.1"}]},
                  {"id":"s","name":"S again"}]}
                """, "dup.json");

        List<String> lines = report.problems().stream().map(StationProblem::describe).toList();
        assertEquals(List.of(
                "dup.json: site 's' camera #1 ('c'): unknown field 'rtspport' ignored",
                "dup.json: site 's' camera #2 ('c'): id is used twice, first by site 's' camera #1 ('c');"
                        + " camera skipped",
                "dup.json: site #2 ('s'): id is used twice, first by site #1; site skipped with its cameras"), lines);
        assertEquals("First", directory.camera("c").orElseThrow().name());
        assertEquals(554, directory.camera("c").orElseThrow().rtspPort(), "the misspelt field is ignored");
    }

    @Test
    void aMissingFileIsAProblemNotAnException(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.json");
        StationImport report = importer.importFile(missing);
        assertEquals(List.of(new StationProblem(missing.toString(), "file", "does not exist")), report.problems());

        Path present = dir.resolve("stations.json");
        Files.writeString(present, Files.readString(EXAMPLE), StandardCharsets.UTF_8);
        assertEquals(3, importer.importFile(present).imported());
    }

    @Test
    void readsAPinnedFingerprintInTheFormPeoplePasteIt() {
        String colons = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";
        StationImport report = importer.importJson("""
                {"sites":[{"id":"s","name":"S","cameras":[
                  {"id":"tls-cam","name":"TLS","host":"127.0.0.1","httpsPort":443,"tlsFingerprint":"%s"},
                  {"id":"bad-pin","name":"Bad pin","host":"127.0.0.1","httpsPort":443,"tlsFingerprint":"not-a-hash"}]}]}
                """.formatted(colons), "pins.json");
        CameraConfig camera = directory.camera("tls-cam").orElseThrow();
        assertEquals(443, camera.httpsPort());
        assertEquals(colons.replace(":", "").toLowerCase(), camera.tlsFingerprint());
        assertEquals("https://127.0.0.1:443/", camera.httpsBase().orElseThrow().toString());
        assertEquals(1, report.problems().size(), report.problems()::toString);
        assertTrue(report.problems().get(0).describe().contains("bad-pin"));
        assertTrue(report.problems().get(0).describe().contains("tlsFingerprint"));
    }
}
