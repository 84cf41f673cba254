package org.fieldcast.station;

/** The station database cannot be reached or migrated; the message names the URL, never the password. */
public class StationDatabaseException extends RuntimeException {

    public StationDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
