package org.fieldcast.station;

import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.DefaultConnector;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;

/**
 * Lets the persistence unit outlive a database restart. EclipseLink 4 has no persistence property for
 * these settings, so they are set on the login here; StationDatabase names this class in
 * {@code eclipselink.session.customizer}.
 */
public class ConnectionRecovery implements SessionCustomizer {

    /** Reads outside a transaction are retried this often on a broken connection before they fail. */
    static final int RETRIES = 2;
    /** Pause between retries: short, so that a poll of a database that is down fails quickly. */
    static final int RETRY_DELAY_MILLIS = 500;

    @Override
    public void customize(Session session) {
        DatabaseLogin login = (DatabaseLogin) session.getDatasourceLogin();
        // After an SQL error, ping the connection: a dead one is dropped from the pool and reopened.
        login.setConnectionHealthValidatedOnError(true);
        login.setPingSQL("SELECT 1");
        login.setQueryRetryAttemptCount(RETRIES);
        login.setDelayBetweenConnectionAttempts(RETRY_DELAY_MILLIS);
        if (login.getConnector() instanceof DefaultConnector connector) {
            // The JDBC drivers live in the WAR; DriverManager, called from the container's EclipseLink,
            // would not see them. Instantiating the driver class directly does.
            login.useDirectDriverConnect(connector.getDriverClassName(), connector.getDriverURLHeader(),
                    connector.getDatabaseURL());
        }
    }
}
