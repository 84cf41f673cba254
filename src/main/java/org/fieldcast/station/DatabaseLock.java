package org.fieldcast.station;

/**
 * Work that only one node at a time may do on a shared station database, because it reads and then
 * writes by key (find, else insert): two nodes doing it at once would both insert, and one would fail
 * on the primary key. {@link StationDatabase#inTransactionAlone} holds the lock for the transaction.
 */
public enum DatabaseLock {
    /** A station file's import (StationImporter). */
    STATION_IMPORT(1),
    /** The first admin, made by the first node to start on an empty database. */
    INITIAL_ADMIN(2);

    /**
     * PostgreSQL's advisory locks are one key space per database, shared with every other client
     * (Flyway takes one too); the two-key form with this first key keeps Fieldcast's apart ("FCST").
     */
    static final int NAMESPACE = 0x46435354;

    private final int key;

    DatabaseLock(int key) {
        this.key = key;
    }

    int key() {
        return key;
    }
}
