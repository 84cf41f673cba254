package org.fieldcast.station;

import java.util.UUID;

/** Fresh in-memory H2 databases for tests: one per call, so tests never see each other's rows. */
final class TestDatabases {

    private TestDatabases() {
    }

    static StationDatabase freshH2() {
        // DB_CLOSE_DELAY=-1 keeps the database while no connection is open, e.g. between Flyway and JPA.
        return StationDatabase.open("jdbc:h2:mem:station-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }
}
