package org.fieldcast.station;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The stations as every other feature sees them: an immutable snapshot in memory, re-read from the
 * database whenever it announces a change (PostgreSQL's notifications) and on a timer while it
 * cannot (H2, or PostgreSQL while the notification connection is down), because other systems write
 * it. Each reload that finds a difference fires {@link StationsChanged}. While the database is down
 * the last snapshot stays in use.
 */
@ApplicationScoped
@ManagedExecutorDefinition(name = StationDirectory.LISTENER_EXECUTOR, maxAsync = 2, hungTaskThreshold = -1)
public class StationDirectory {

    /** Runs the one task that waits for PostgreSQL's notifications, for the application's lifetime. */
    static final String LISTENER_EXECUTOR = "java:app/concurrent/fieldcast-station-changes";

    private static final Logger LOG = Logger.getLogger(StationDirectory.class.getName());

    /** How often the database is re-read while it announces no changes. Default: {@code PT5S}. */
    @Inject
    @ConfigProperty(name = "fieldcast.stations.poll-interval", defaultValue = "PT5S")
    Duration pollInterval;

    @Inject
    StationDatabase database;

    @Inject
    Event<StationsChanged> changes;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource(lookup = LISTENER_EXECUTOR)
    ManagedExecutorService listenerExecutor;

    private Consumer<StationsChanged> listener;
    private volatile StationSnapshot snapshot = StationSnapshot.EMPTY;
    /** Problems by source; a source's list is replaced whenever that source is read again. */
    private volatile Map<String, List<StationProblem>> problems = Map.of();
    private boolean databaseDown; // guarded by this
    private ScheduledFuture<?> polling; // guarded by this
    private StationNotifications notifications; // guarded by this

    protected StationDirectory() {
        // for CDI
    }

    /** For use outside the container: no timer, and changes go to {@code listener}. */
    StationDirectory(StationDatabase database, Consumer<StationsChanged> listener) {
        this.database = database;
        this.listener = listener;
    }

    @PostConstruct
    void connectEvents() {
        listener = changes::fire;
    }

    /** Every valid camera, sorted by site name, then camera name. */
    public List<CameraConfig> cameras() {
        return snapshot.cameras();
    }

    public Optional<CameraConfig> camera(String id) {
        return Optional.ofNullable(snapshot.camerasById().get(id));
    }

    /** Every site, sorted by name, with the number of its valid cameras. */
    public List<SiteSummary> sites() {
        return snapshot.sites();
    }

    /** What is wrong with the station data now: skipped file entries, bad rows, an unreachable database. */
    public List<StationProblem> problems() {
        return problems.values().stream().flatMap(List::stream).toList();
    }

    /**
     * Re-reads the database now and fires {@link StationsChanged} if anything differs. The first load
     * reports every camera as added. A database that cannot be read leaves the snapshot as it was.
     */
    public synchronized void reload() {
        StationSnapshot loaded;
        try {
            loaded = database.read(StationSnapshot::read);
        } catch (RuntimeException e) {
            databaseFailed(e);
            return;
        }
        databaseRecovered();
        if (!loaded.rowProblems().equals(problemsFrom(StationSnapshot.DATABASE_SOURCE))) {
            loaded.rowProblems().forEach(problem -> LOG.warning(problem::describe));
            reportProblems(StationSnapshot.DATABASE_SOURCE, loaded.rowProblems());
        }
        StationsChanged change = StationsChanged.between(snapshot.camerasById(), loaded.camerasById());
        snapshot = loaded;
        if (!change.isEmpty()) {
            // Under the lock, so that observers see the changes in the order they happened.
            listener.accept(change);
        }
    }

    /**
     * Loads the stations, then follows their changes: by notification where the database sends
     * them, and by re-reading every {@code fieldcast.stations.poll-interval} while it does not.
     */
    void startWatching() {
        startWatching(scheduler, listenerExecutor);
    }

    /** {@link #startWatching()} with the executors given, for use outside the container. */
    synchronized void startWatching(ScheduledExecutorService timer, ExecutorService listenerThreads) {
        long millis = requirePositive(pollInterval).toMillis();
        reload();
        if (database.announcesChanges()) {
            notifications = new StationNotifications(database, this::poll);
            notifications.start(listenerThreads);
        }
        polling = timer.scheduleWithFixedDelay(this::pollUnlessNotified, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** True while the database's change notifications arrive, so that changes show within a moment. */
    public boolean notified() {
        StationNotifications n;
        synchronized (this) {
            n = notifications;
        }
        return n != null && n.listening();
    }

    @PreDestroy
    synchronized void stopWatching() {
        if (polling != null) {
            polling.cancel(false);
            polling = null;
        }
        if (notifications != null) {
            notifications.stop();
            notifications = null;
        }
    }

    /**
     * Replaces the problems recorded for one source: a station file, the database, or another
     * feature that checks cameras further (their secrets, their routes).
     */
    public synchronized void reportProblems(String source, List<StationProblem> found) {
        Map<String, List<StationProblem>> next = new LinkedHashMap<>(problems);
        if (found.isEmpty()) {
            next.remove(source);
        } else {
            next.put(source, List.copyOf(found));
        }
        problems = Collections.unmodifiableMap(next); // a fresh map each time; keeps the order problems came in
    }

    static Duration requirePositive(Duration pollInterval) {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("fieldcast.stations.poll-interval must be positive, was " + pollInterval);
        }
        return pollInterval;
    }

    private void pollUnlessNotified() {
        if (!notified()) {
            poll();
        }
    }

    private void poll() {
        try {
            reload();
        } catch (RuntimeException e) {
            // An exception would cancel the schedule: keep polling, the next change may succeed.
            LOG.log(Level.WARNING, "A StationsChanged observer failed", e);
        }
    }

    private List<StationProblem> problemsFrom(String source) {
        return problems.getOrDefault(source, List.of());
    }

    private void databaseFailed(RuntimeException e) {
        String message = "cannot be read, keeping the last known stations: " + StationDatabase.rootMessage(e);
        if (!databaseDown) {
            // Once per outage, not once per poll.
            databaseDown = true;
            LOG.log(Level.WARNING, "Station database " + database.safeUrl() + " " + message);
        }
        reportProblems(StationSnapshot.DATABASE_SOURCE,
                List.of(new StationProblem(StationSnapshot.DATABASE_SOURCE, database.safeUrl(), message)));
    }

    private void databaseRecovered() {
        if (databaseDown) {
            databaseDown = false;
            LOG.info(() -> "Station database " + database.safeUrl() + " is readable again");
            reportProblems(StationSnapshot.DATABASE_SOURCE, List.of());
        }
    }
}
