package org.fieldcast.ptz;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.security.Principal;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Announces each {@link CameraAction} asynchronously, so that whoever records it (a database that is
 * slow or away) never delays a command to the camera.
 */
@ApplicationScoped
public class CameraActions {
    private static final Logger LOG = Logger.getLogger(CameraActions.class.getName());

    @Inject
    Event<CameraAction> event;

    public void announce(String camera, String action, String detail, Principal who, String address) {
        event.fireAsync(new CameraAction(camera, action, detail, who, address)).whenComplete((done, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, "camera action not recorded (" + action + " on " + camera + "): " + failure);
            }
        });
    }
}
