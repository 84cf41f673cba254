package org.fieldcast.station;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Follows PostgreSQL's notifications on the station tables (the triggers of
 * {@code db/migration/postgresql/V4}) on a connection of its own, and tells the directory to reload
 * whenever one arrives. While the connection is down it reconnects with growing pauses, and
 * {@link #listening()} is false so that the directory polls instead; after each reconnect it asks
 * for one reload, since notifications sent meanwhile are lost.
 *
 * <p>One task on the executor it is given, for as long as it runs.
 */
final class StationNotifications {

    static final String CHANNEL = "fieldcast_stations";

    private static final Logger LOG = Logger.getLogger(StationNotifications.class.getName());
    /** How long one wait for notifications lasts; also bounds how long {@link #stop()} takes to be noticed. */
    private static final int WAIT_MILLIS = 1000;
    /** A connection that has been quiet this long is checked, so that a silently dead one is noticed. */
    private static final Duration QUIET_CHECK = Duration.ofSeconds(10);
    private static final List<Duration> RECONNECT_PAUSES = List.of(
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5));

    private final StationDatabase database;
    private final Runnable onChange;
    private volatile boolean listening;
    private volatile boolean stopped;
    private volatile Connection connection;
    private Future<?> task;

    StationNotifications(StationDatabase database, Runnable onChange) {
        this.database = database;
        this.onChange = onChange;
    }

    synchronized void start(ExecutorService executor) {
        task = executor.submit(this::run);
    }

    /** True while notifications arrive: the directory need not poll. */
    boolean listening() {
        return listening;
    }

    synchronized void stop() {
        stopped = true;
        closeQuietly(connection);
        if (task != null) {
            task.cancel(true);
        }
    }

    private void run() {
        int failures = 0;
        while (!stopped) {
            try (Connection c = database.connect()) {
                connection = c;
                listen(c);
                if (failures > 0) {
                    LOG.info(() -> "Listening for station changes on " + database.safeUrl() + " again");
                }
                failures = 0;
                onChange.run(); // catch up on changes made while nobody listened
                follow(c);
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (stopped) {
                    return;
                }
                if (failures == 0) {
                    LOG.log(Level.WARNING, "Station change notifications from " + database.safeUrl() + " stopped, polling until they"
                            + " are back: " + StationDatabase.rootMessage(e));
                }
                pause(RECONNECT_PAUSES.get(Math.min(failures++, RECONNECT_PAUSES.size() - 1)));
            } finally {
                listening = false;
                connection = null;
            }
        }
    }

    private void listen(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + CHANNEL);
        }
        listening = true;
    }

    private void follow(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long quietSince = System.nanoTime();
        while (!stopped) {
            PGNotification[] arrived = pg.getNotifications(WAIT_MILLIS);
            if (arrived != null && arrived.length > 0) {
                quietSince = System.nanoTime();
                onChange.run();
            } else if (System.nanoTime() - quietSince > QUIET_CHECK.toNanos()) {
                if (!c.isValid(5)) {
                    throw new SQLException("the notification connection stopped answering");
                }
                quietSince = System.nanoTime();
            }
        }
    }

    private void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException e) {
                // closing to stop; nothing to report
            }
        }
    }
}
