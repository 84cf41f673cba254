package org.fieldcast.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.persistence.jpa.JpaEntityManager;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.DirectConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StationDatabaseTest {

    private StationDatabase database;

    @BeforeEach
    void open() {
        database = TestDatabases.freshH2();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void sql(String statement) {
        database.inTransaction(em -> em.createNativeQuery(statement).executeUpdate());
    }

    @Test
    void migrationCreatesTheTablesOnH2() {
        List<?> tables = database.read(em -> em.createNativeQuery(
                "select lower(table_name) from information_schema.tables"
                        + " where lower(table_name) in ('site', 'gateway', 'camera', 'port_mapping', 'site_key')"
                        + " order by 1").getResultList());
        assertEquals(List.of("camera", "gateway", "port_mapping", "site", "site_key"), tables);
        List<?> versions = database.read(em -> em.createNativeQuery(
                "select \"version\" from \"flyway_schema_history\" where \"success\" and \"version\" is not null order by \"installed_rank\"").getResultList());
        assertEquals(List.of("1", "2", "3", "5", "6", "7", "8", "9"), versions, "every common migration applied; V4 (notifications) is PostgreSQL's alone");
    }

    @Test
    void checkConstraintsRejectUnknownTypes() {
        sql("insert into site (id, name) values ('s', 'S')");
        RuntimeException rejected = assertThrows(RuntimeException.class,
                () -> sql("insert into camera (id, site_id, name, type, host) values ('c', 's', 'C', 'DOME', 'h')"));
        assertTrue(StationDatabase.rootMessage(rejected).toUpperCase().contains("CAMERA_TYPE_KNOWN"),
                StationDatabase.rootMessage(rejected));
    }

    @Test
    void entitiesRoundTripWithColumnDefaultsAndGatewayHops() {
        database.inTransaction(em -> {
            Site site = new Site("s1", "Site one");
            em.persist(site);
            Gateway outer = new Gateway("g-outer", site, "Cellular router", "127.0.0.1", null);
            em.persist(outer);
            em.persist(new Gateway("g-inner", site, "Site switch", null, outer));
            return null;
        });
        sql("insert into camera (id, site_id, name, host) values ('c1', 's1', 'Written elsewhere', '127.0.0.1')");

        CameraConfig config = database.read(em -> em.find(Camera.class, "c1").toConfig(java.util.Map.of()));
        assertEquals(CameraType.FIXED, config.type());
        assertEquals(554, config.rtspPort());
        assertEquals(80, config.httpPort());
        assertEquals("/?inst=1", config.rtspPath());
        assertEquals(AuthMode.NONE, config.authMode());
        assertTrue(config.enabled());
        assertFalse(config.alwaysOn());
        assertEquals("Site one", config.siteName());
        assertNull(config.substreamPath(), "a row written before V9, or without the column, has no substream");
        assertFalse(config.hasSubstream());

        sql("insert into camera (id, site_id, name, host, substream_path) values ('c2', 's1', 'With a substream', '127.0.0.1', '/?inst=2')");
        assertEquals("/?inst=2", database.read(em -> em.find(Camera.class, "c2").toConfig(java.util.Map.of())).substreamPath());

        List<String> hops = database.read(em -> em.find(Gateway.class, "g-inner").hopsOutwards()
                .stream().map(Gateway::id).toList());
        assertEquals(List.of("g-inner", "g-outer"), hops);
    }

    @Test
    void deletingASiteDeletesItsGatewaysAndCameras() {
        database.inTransaction(em -> {
            Site site = new Site("s1", "Site one");
            em.persist(site);
            Gateway outer = new Gateway("g-outer", site, "Router", null, null);
            em.persist(outer);
            em.persist(new Gateway("g-inner", site, "Switch", null, outer));
            return null;
        });
        sql("insert into camera (id, site_id, name, host) values ('c1', 's1', 'Cam', '127.0.0.1')");
        sql("delete from site where id = 's1'");
        long left = database.read(em -> ((Number) em.createNativeQuery(
                "select (select count(*) from gateway) + (select count(*) from camera)").getSingleResult())
                .longValue());
        assertEquals(0, left);
    }

    @Test
    void aRolledBackTransactionLeavesNothing() {
        assertThrows(IllegalStateException.class, () -> database.inTransaction(em -> {
            em.persist(new Site("s1", "Site one"));
            em.flush();
            throw new IllegalStateException("abandon");
        }));
        assertEquals(0L, (long) database.read(em -> em.createQuery("select count(s) from Site s", Long.class)
                .getSingleResult()));
    }

    @Test
    void theSessionReconnectsAndLoadsTheDriverDirectly() {
        DatabaseLogin login = database.read(em -> em.unwrap(JpaEntityManager.class).getServerSession().getLogin());
        assertTrue(login.getConnector() instanceof DirectConnector, String.valueOf(login.getConnector()));
        assertEquals(ConnectionRecovery.RETRIES, login.getQueryRetryAttemptCount());
        assertTrue(login.isConnectionHealthValidatedOnError());
        assertEquals("SELECT 1", login.getPingSQL());
    }

    @Test
    void anUnreachableDatabaseFailsWithTheUrlButNotThePassword() {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        String url = "jdbc:postgresql://127.0.0.1:1/fieldcast?password=in-url-" + UUID.randomUUID();
        StationDatabaseException failure = assertThrows(StationDatabaseException.class,
                () -> StationDatabase.open(url, "fieldcast", "s3cret-password"));
        String message = failure.getMessage();
        assertTrue(message.contains("jdbc:postgresql://127.0.0.1:1/fieldcast?password=***"), message);
        assertTrue(message.contains("cannot be reached as user 'fieldcast'"), message);
        assertFalse(message.contains("s3cret-password"), message);
        assertFalse(message.contains("in-url-"), message);
    }

    @Test
    void defaultSettingsUseAnH2FileInTheDataDirectory(@TempDir Path dir) {
        Path dataDir = dir.resolve("data");
        DatabaseSettings settings = DatabaseSettings.resolve(Optional.empty(), Optional.empty(),
                Optional.empty(), dataDir.toString());
        assertTrue(Files.isDirectory(dataDir));
        assertEquals("jdbc:h2:file:" + dataDir.toAbsolutePath().toString().replace('\\', '/')
                + "/fieldcast;DB_CLOSE_ON_EXIT=FALSE", settings.url());
        assertEquals("sa", settings.user());
        assertEquals("", settings.password());
        assertEquals("h2", settings.vendor());
    }

    @Test
    void aConfiguredPostgresUrlHasNoDefaultUser() {
        DatabaseSettings settings = DatabaseSettings.resolve(Optional.of("jdbc:postgresql://127.0.0.1/f"),
                Optional.empty(), Optional.of("pw"), "unused");
        assertNull(settings.user());
        assertEquals("postgresql", settings.vendor());
        assertFalse(settings.toString().contains("pw"));
    }
}
