package org.fieldcast.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fieldcast.station.StationDatabase;

/** Writes the audit trail into the station database. */
@ApplicationScoped
public class AuditLog {
    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());

    @Inject
    StationDatabase database;

    /** Records one action; a database that is away loses the line (logged), never the action itself. */
    public void record(String actor, String actorKind, String action, String cameraId, String target, String detail,
                       String address) {
        try {
            database.inTransaction(em -> {
                em.persist(new AuditEvent(OffsetDateTime.now(), actor, actorKind, action, cameraId, target, detail, address));
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "audit line lost (" + action + " by " + actor + "): " + e.getMessage());
        }
    }

    public void record(Caller caller, String action, String cameraId, String target, String detail, String address) {
        record(caller == null ? "nobody" : caller.getName(), caller == null ? "anonymous" : caller.kind().id(),
                action, cameraId, target, detail, address);
    }
}
