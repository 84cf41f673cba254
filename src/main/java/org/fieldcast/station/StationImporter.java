package org.fieldcast.station;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Upserts a station file into the database: sites and cameras by id, inserted when new, updated when
 * different. Nothing the file does not mention is deleted, because other systems write the same tables.
 * Importing the same file twice changes nothing the second time, also when several nodes on one
 * database import it at the same moment (they take turns, see {@link DatabaseLock}). An import that
 * fails is rolled back and reported as a problem of its file; it never fails the caller.
 */
@ApplicationScoped
public class StationImporter {

    private static final Logger LOG = Logger.getLogger(StationImporter.class.getName());

    /** Station file imported at start-up, after the migrations. Default: none. */
    @Inject
    @ConfigProperty(name = "fieldcast.stations.file")
    Optional<String> stationFile;

    @Inject
    StationDatabase database;

    @Inject
    StationDirectory directory;

    protected StationImporter() {
        // for CDI
    }

    /** For use outside the container. */
    StationImporter(StationDatabase database, StationDirectory directory) {
        this.database = database;
        this.directory = directory;
        this.stationFile = Optional.empty();
    }

    /**
     * Imports station JSON built in memory or read from a file; the directory then reloads and keeps the
     * problems under {@code sourceName} until that source is imported again.
     */
    public StationImport importJson(String json, String sourceName) {
        StationFile file = StationFile.parse(json, sourceName);
        StationImport report;
        try {
            // One importer at a time across every node on the database: see DatabaseLock.
            report = file.sites().isEmpty()
                    ? StationImport.failed(file.problems())
                    : database.inTransactionAlone(DatabaseLock.STATION_IMPORT, em -> upsert(em, file));
        } catch (RuntimeException e) {
            // Rolled back as a whole: the stations already in the database stay as they were and are
            // served; the failure is the file's problem to report, never the application's end.
            List<StationProblem> problems = new ArrayList<>(file.problems());
            problems.add(new StationProblem(sourceName, sitesOf(file), "not imported, nothing of it was written: "
                    + databaseReason(e)));
            report = StationImport.failed(problems);
        }
        log(sourceName, report);
        directory.reportProblems(sourceName, report.problems());
        directory.reload();
        return report;
    }

    /** Imports a station file; a file that cannot be read is reported as its one problem. */
    public StationImport importFile(Path path) {
        String source = path.toString();
        try {
            return importJson(Files.readString(path, StandardCharsets.UTF_8), source);
        } catch (IOException e) {
            StationImport report = StationImport.failed(
                    List.of(new StationProblem(source, "file", unreadable(e))));
            log(source, report);
            directory.reportProblems(source, report.problems());
            return report;
        }
    }

    private static String sitesOf(StationFile file) {
        List<String> ids = file.sites().stream().map(site -> "'" + site.id() + "'").toList();
        return (ids.size() == 1 ? "site " : "sites ") + String.join(", ", ids);
    }

    /**
     * The database's own words, first line only: PostgreSQL's detail lines can quote a whole row
     * ({@code Failing row contains (...)}), a camera's password among its columns.
     */
    static String databaseReason(RuntimeException e) {
        String root = StationDatabase.rootMessage(e).strip();
        int lineEnd = root.indexOf('\n');
        return lineEnd < 0 ? root : root.substring(0, lineEnd).strip();
    }

    private static String unreadable(IOException e) {
        return e instanceof NoSuchFileException ? "does not exist" : "cannot be read: " + e.getMessage();
    }

    /** Imports the file named by {@code fieldcast.stations.file}, if any. */
    void importConfiguredFile() {
        stationFile.filter(name -> !name.isBlank()).map(Path::of).ifPresent(this::importFile);
    }

    private static StationImport upsert(EntityManager em, StationFile file) {
        Tally tally = new Tally();
        List<StationProblem> problems = new ArrayList<>(file.problems());
        Map<String, Site> sites = new LinkedHashMap<>();
        for (StationFile.SiteEntry entry : file.sites()) {
            Site site = em.find(Site.class, entry.id());
            if (site == null) {
                site = new Site(entry.id(), entry.name());
                em.persist(site);
                tally.imported++;
            } else {
                tally.count(site.rename(entry.name()));
            }
            sites.put(entry.id(), site);
        }
        new GatewayUpsert(em, file.source(), problems).run(file.sites(), sites, tally::count, () -> tally.imported++);
        for (StationFile.SiteEntry entry : file.sites()) {
            Site site = sites.get(entry.id());
            for (CameraDefinition definition : entry.cameras()) {
                if (definition.gatewayId() != null && em.find(Gateway.class, definition.gatewayId()) == null) {
                    problems.add(new StationProblem(file.source(), "site '" + entry.id() + "' camera '" + definition.id() + "'",
                            "gateway '" + definition.gatewayId() + "' is neither in the file nor in the database; camera skipped"));
                    continue;
                }
                Camera camera = em.find(Camera.class, definition.id());
                if (camera == null) {
                    em.persist(new Camera(site, definition));
                    tally.imported++;
                } else {
                    tally.count(camera.update(site, definition));
                }
            }
        }
        return new StationImport(tally.imported, tally.updated, tally.unchanged, problems);
    }

    private static void log(String source, StationImport report) {
        LOG.info(() -> "Imported stations from " + source + ": " + report.summary());
        // Problem messages never hold a password: the file reader leaves secrets out of them.
        report.problems().forEach(problem -> LOG.warning(problem::describe));
    }

    /** Counts entries while one import runs. */
    private static final class Tally {
        int imported;
        int updated;
        int unchanged;

        void count(boolean changed) {
            if (changed) {
                updated++;
            } else {
                unchanged++;
            }
        }
    }
}
