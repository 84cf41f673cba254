package org.fieldcast.station;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/**
 * Brings the stations up when the application starts: migrate the schema and open the persistence
 * unit, import the configured station file, load the directory and follow the database's changes.
 *
 * <p>A CDI observer of the application scope's start rather than an EJB {@code @Startup} singleton:
 * it needs nothing from the EJB container, and its priority runs it before the application's own
 * start-up observers (default priority), so those find a loaded directory. An exception here fails
 * the deployment, which is what an unreachable database should do (payara/start then ends the node,
 * so its supervisor starts it again); a station file that does not import is a reported problem
 * instead, and the stations already in the database are served.
 */
@ApplicationScoped
public class StationStartup {

    @Inject
    StationDatabase database;

    @Inject
    StationImporter importer;

    @Inject
    StationDirectory directory;

    void start(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) @Initialized(ApplicationScoped.class)
               Object event) {
        database.safeUrl(); // opens the database: migrations first, everything else reads the result
        importer.importConfiguredFile();
        directory.startWatching();
    }
}
