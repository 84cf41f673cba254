package org.fieldcast.station;

import java.util.HashMap;
import java.util.Map;

/** The properties StationDatabase hands to EclipseLink when it bootstraps the persistence unit. */
final class PersistenceProperties {

    static final String UNIT = "fieldcast";
    /** Not persistence.xml, so that Payara does not deploy a container-managed unit from it. */
    static final String DESCRIPTOR = "META-INF/fieldcast-persistence.xml";

    private PersistenceProperties() {
    }

    static Map<String, Object> of(DatabaseSettings settings, String driverClass, ClassLoader loader) {
        Map<String, Object> props = new HashMap<>();
        props.put("eclipselink.persistencexml", DESCRIPTOR);
        props.put("eclipselink.classloader", loader);
        props.put("jakarta.persistence.jdbc.driver", driverClass);
        props.put("jakarta.persistence.jdbc.url", settings.url());
        if (settings.user() != null) {
            props.put("jakarta.persistence.jdbc.user", settings.user());
        }
        props.put("jakarta.persistence.jdbc.password", settings.password());
        // Outside any JTA transaction: the container's server platform would look for one.
        props.put("eclipselink.target-server", "None");
        // Weaving needs an agent or the container's help; nothing here needs lazy to-one relations.
        props.put("eclipselink.weaving", "false");
        // Flyway owns the schema.
        props.put("eclipselink.ddl-generation", "none");
        // Other systems write the tables: every read must go to the database.
        props.put("eclipselink.cache.shared.default", "false");
        // A few connections are plenty: one poller, the occasional import.
        props.put("eclipselink.connection-pool.default.initial", "1");
        props.put("eclipselink.connection-pool.default.min", "1");
        props.put("eclipselink.connection-pool.default.max", "4");
        props.put("eclipselink.connection-pool.read.initial", "1");
        props.put("eclipselink.connection-pool.read.min", "1");
        props.put("eclipselink.connection-pool.read.max", "2");
        // Milliseconds a caller waits for a free connection before it fails instead of hanging.
        props.put("eclipselink.connection-pool.default.wait", "10000");
        props.put("eclipselink.session.customizer", ConnectionRecovery.class.getName());
        props.put("eclipselink.logging.logger", "JavaLogger");
        // Every failure reaches the caller as an exception: start-up fails with it, the directory
        // reports an outage once. EclipseLink's own log would add stack traces for each retry of
        // each poll while the database is down.
        props.put("eclipselink.logging.level", "OFF");
        props.put("eclipselink.logging.exceptions", "false");
        // Bound values would put camera passwords into logged SQL and exception messages.
        props.put("eclipselink.logging.parameters", "false");
        return props;
    }
}
