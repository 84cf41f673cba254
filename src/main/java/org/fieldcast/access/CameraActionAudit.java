package org.fieldcast.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.Set;
import org.fieldcast.ptz.CameraAction;
/** Writes each camera action of the PTZ and alarm API into the audit trail, off the command's thread. */
@ApplicationScoped
public class CameraActionAudit {

    /** The actions that tell who steered a camera last ({@code /api/cameras/{id}/operator}). */
    static final Set<String> ACTIONS = Set.of("ptz-move", "ptz-stop", "preset-store", "preset-recall",
            "alarm-set", "alarm-clear", "alarm-pulse");

    @Inject
    AuditLog audit;

    void record(@ObservesAsync CameraAction action) {
        if (action.who() instanceof Caller caller) {
            audit.record(caller, action.action(), action.camera(), null, action.detail(), action.address());
        } else {
            audit.record(action.who() == null ? "nobody" : action.who().getName(), "anonymous", action.action(),
                    action.camera(), null, action.detail(), action.address());
        }
    }
}
