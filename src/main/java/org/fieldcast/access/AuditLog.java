package org.fieldcast.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.TypedQuery;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
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
            AuditEvent e = new AuditEvent(OffsetDateTime.now(), actor, actorKind, action, cameraId, target, detail, address);
            // A plain insert: the database numbers the line and stamps its time. (EclipseLink would read
            // an identity back with H2 1.x's IDENTITY(), which H2 2 no longer has; nobody needs it back.)
            database.inTransaction(em -> em.createNativeQuery("insert into audit_event"
                            + " (actor, actor_kind, action, camera_id, target, detail, address) values (?, ?, ?, ?, ?, ?, ?)")
                    .setParameter(1, e.actor()).setParameter(2, e.actorKind()).setParameter(3, e.action())
                    .setParameter(4, e.cameraId()).setParameter(5, e.target()).setParameter(6, e.detail())
                    .setParameter(7, e.address()).executeUpdate());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "audit line lost (" + action + " by " + actor + "): " + e.getMessage());
        }
    }

    /** Lines older than {@code beforeId}, newest first, of one camera or (null) all. */
    public List<AuditEvent> page(long beforeId, int limit, String cameraId) {
        return database.read(em -> {
            TypedQuery<AuditEvent> query = em.createQuery("select e from AuditEvent e where e.id < :before"
                    + (cameraId == null ? "" : " and e.cameraId = :camera") + " order by e.id desc", AuditEvent.class);
            if (cameraId != null) {
                query.setParameter("camera", cameraId);
            }
            return query.setParameter("before", beforeId).setMaxResults(limit).getResultList();
        });
    }

    /** The camera's newest line of one of these actions. */
    public Optional<AuditEvent> lastOf(String cameraId, Collection<String> actions) {
        return database.read(em -> em.createQuery("select e from AuditEvent e where e.cameraId = :camera"
                        + " and e.action in :actions order by e.id desc", AuditEvent.class)
                .setParameter("camera", cameraId).setParameter("actions", actions).setMaxResults(1)
                .getResultStream().findFirst());
    }

    public void record(Caller caller, String action, String cameraId, String target, String detail, String address) {
        record(caller == null ? "nobody" : caller.getName(), caller == null ? "anonymous" : caller.kind().id(),
                action, cameraId, target, detail, address);
    }
}
