package org.fieldcast.station;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The station database: brings its schema up to date with Flyway, then opens the JPA persistence unit.
 *
 * <p>The persistence unit is resource-local and bootstrapped here rather than by the container,
 * because its JDBC URL comes from MicroProfile Config at run time and switches between the embedded
 * H2 and PostgreSQL; a container data source is defined before the application's configuration can
 * be read reliably.
 */
@ApplicationScoped
public class StationDatabase {

    private static final Logger LOG = Logger.getLogger(StationDatabase.class.getName());

    /** Seconds a node waits for another node's migrations (Flyway's default is 50). */
    static final int MIGRATION_LOCK_RETRIES = 300;

    /** JDBC URL. Default: {@code jdbc:h2:file:${fieldcast.data-dir}/fieldcast;DB_CLOSE_ON_EXIT=FALSE}. */
    @Inject
    @ConfigProperty(name = "fieldcast.db.url")
    Optional<String> url;

    /** Database user. Default: {@code sa} for an H2 URL, none (the driver's default) otherwise. */
    @Inject
    @ConfigProperty(name = "fieldcast.db.user")
    Optional<String> user;

    /** Database password. Default: empty. */
    @Inject
    @ConfigProperty(name = "fieldcast.db.password")
    Optional<String> password;

    /** Folder of the embedded database and other local state. */
    @Inject
    DataFolder dataFolder;

    private DatabaseSettings settings;
    private EntityManagerFactory factory;
    private final Map<DatabaseLock, Object> localLocks = new EnumMap<>(DatabaseLock.class);

    {
        for (DatabaseLock lock : DatabaseLock.values()) {
            localLocks.put(lock, new Object());
        }
    }

    protected StationDatabase() {
        // for CDI; configuration arrives by field injection
    }

    private StationDatabase(DatabaseSettings settings) {
        this.settings = settings;
    }

    /** Opens a database outside the container, e.g. {@code jdbc:h2:mem:name;DB_CLOSE_DELAY=-1} in tests. */
    public static StationDatabase open(String url, String user, String password) {
        StationDatabase database = new StationDatabase(new DatabaseSettings(url, user, password));
        database.start();
        return database;
    }

    /**
     * Opens the database the server would open with these settings (the same defaults: the embedded
     * H2 file in {@code dataDir} when no URL is given), e.g. for the command line.
     */
    public static StationDatabase open(Optional<String> url, Optional<String> user, Optional<String> password,
                                       String dataDir) {
        StationDatabase database = new StationDatabase(DatabaseSettings.resolve(url, user, password, dataDir));
        database.start();
        return database;
    }

    @PostConstruct
    void start() {
        if (settings == null) {
            settings = DatabaseSettings.resolve(url, user, password, dataFolder.path().toString());
        }
        migrate();
        factory = createFactory();
        LOG.info(() -> "Station database ready: " + settings.safeUrl());
    }

    @PreDestroy
    public void close() {
        if (factory != null && factory.isOpen()) {
            factory.close();
        }
    }

    /** The JDBC URL without any password, for messages and health reports. */
    public String safeUrl() {
        return settings.safeUrl();
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } finally {
            rollbackQuietly(tx);
            em.close();
        }
    }

    /**
     * Runs {@code work} in one transaction while no other node (and no other thread of this one) runs
     * work under the same lock: on PostgreSQL, {@code pg_advisory_xact_lock}, taken first and released
     * by the commit or rollback itself, so a node that dies mid-way cannot leave it held; elsewhere a
     * lock in this JVM, since the embedded H2 file is opened by one process only.
     *
     * <p>A lock rather than upserts ({@code INSERT ... ON CONFLICT}): the work reads to decide what to
     * write (a gateway's parent, whether an entry changed, whether any admin exists), and under the lock
     * each statement of the second node's transaction (READ COMMITTED) sees the first node's committed
     * rows, so the second import finds everything in place and changes nothing.
     */
    public <T> T inTransactionAlone(DatabaseLock lock, Function<EntityManager, T> work) {
        if (!announcesChanges()) {
            synchronized (localLocks.get(lock)) {
                return inTransaction(work);
            }
        }
        return inTransaction(em -> {
            // The transaction's own connection: EclipseLink begins the database transaction on it now, so
            // the lock and every later statement of this work share one transaction.
            Connection connection = em.unwrap(Connection.class);
            try (PreparedStatement lockStatement = connection.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
                lockStatement.setInt(1, DatabaseLock.NAMESPACE);
                lockStatement.setInt(2, lock.key());
                lockStatement.execute();
            } catch (SQLException e) {
                throw new StationDatabaseException("Cannot take the database lock for " + lock + ": " + e.getMessage(), e);
            }
            return work.apply(em);
        });
    }

    /** Runs {@code query} without a transaction; map entities to records inside it, the manager closes after. */
    public <T> T read(Function<EntityManager, T> query) {
        EntityManager em = factory.createEntityManager();
        try {
            return query.apply(em);
        } finally {
            em.close();
        }
    }

    /** True for PostgreSQL, whose triggers announce changes (db/migration/postgresql); H2 is polled. */
    public boolean announcesChanges() {
        return "postgresql".equals(settings.vendor());
    }

    /**
     * A connection of its own, outside the persistence unit's pool, for a session that stays open
     * (PostgreSQL's LISTEN). The caller closes it.
     */
    Connection connect() throws SQLException {
        ClassLoader loader = StationDatabase.class.getClassLoader();
        Driver driver;
        try {
            driver = (Driver) Class.forName(driverClass(loader), true, loader).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new SQLException("Cannot load the JDBC driver for " + settings.safeUrl(), e);
        }
        Properties login = new Properties();
        if (settings.user() != null) {
            login.setProperty("user", settings.user());
        }
        login.setProperty("password", settings.password());
        Connection connection = driver.connect(settings.url(), login);
        if (connection == null) {
            throw new SQLException("The JDBC driver does not accept " + settings.safeUrl());
        }
        return connection;
    }

    private void migrate() {
        ClassLoader loader = StationDatabase.class.getClassLoader();
        // The WAR's own class loader, explicitly: Payara unpacks the WAR to a temporary folder, and the
        // migrations must be found in its WEB-INF/classes whatever the calling thread's loader is.
        Flyway flyway = Flyway.configure(loader)
                .dataSource(settings.url(), settings.user(), settings.password())
                .locations("classpath:db/migration/common", "classpath:db/migration/" + settings.vendor())
                // Nodes starting together on one PostgreSQL database: Flyway serialises their migrations
                // with an advisory lock (never switched off here), and the others re-read the schema
                // history after it, so each migration runs once. A node tries for the lock once a second;
                // past the limit its start fails and its supervisor restarts it.
                .lockRetryCount(MIGRATION_LOCK_RETRIES)
                .load();
        checkReachable(flyway.getConfiguration().getDataSource());
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            throw new StationDatabaseException("Migrating the station database " + settings.safeUrl()
                    + " failed: " + e.getMessage(), e);
        }
    }

    private void checkReachable(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            connection.isValid(5);
        } catch (SQLException | RuntimeException e) {
            throw unreachable(e);
        }
    }

    private EntityManagerFactory createFactory() {
        EntityManagerFactory created = new PersistenceProvider()
                .createEntityManagerFactory(PersistenceProperties.UNIT, properties());
        if (created == null) {
            throw new StationDatabaseException("Persistence unit '" + PersistenceProperties.UNIT + "' not found in "
                    + PersistenceProperties.DESCRIPTOR, null);
        }
        try {
            // EclipseLink logs in lazily; log in now so that start-up fails here, not on the first request.
            created.createEntityManager().close();
            return created;
        } catch (RuntimeException e) {
            created.close();
            throw unreachable(e);
        }
    }

    private Map<String, Object> properties() {
        ClassLoader loader = StationDatabase.class.getClassLoader();
        return PersistenceProperties.of(settings, driverClass(loader), loader);
    }

    /** The class of the WAR's JDBC driver that accepts the URL, named so EclipseLink can load it directly. */
    private String driverClass(ClassLoader loader) {
        for (Driver driver : ServiceLoader.load(Driver.class, loader)) {
            try {
                if (driver.acceptsURL(settings.url())) {
                    return driver.getClass().getName();
                }
            } catch (SQLException e) {
                LOG.log(Level.FINE, "Driver " + driver.getClass().getName() + " rejected the URL", e);
            }
        }
        throw new StationDatabaseException("No JDBC driver accepts " + settings.safeUrl(), null);
    }

    private StationDatabaseException unreachable(Exception e) {
        String who = settings.user() == null ? "" : " as user '" + settings.user() + "'";
        StationDatabaseException failure = new StationDatabaseException(
                "The station database " + settings.safeUrl() + " cannot be reached" + who + ": " + rootMessage(e), e);
        LOG.log(Level.FINE, failure.getMessage(), e);
        return failure;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static void rollbackQuietly(EntityTransaction tx) {
        if (tx.isActive()) {
            try {
                tx.rollback();
            } catch (RuntimeException e) {
                // The work's own exception is the one worth reporting; a broken connection fails both.
                LOG.log(Level.FINE, "Rollback failed", e);
            }
        }
    }
}
