package org.fieldcast.access;

import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts {@link MechanismModule} in place of the platform's bridge module for this application. The
 * platform registers its module while the container initialises the application, before any
 * listener runs, so registering here replaces it; the platform's own listener removes the
 * registration when the application stops. Should the platform's classes ever not be found, its own
 * module stays: slower, never less secure.
 */
@WebListener
public class MechanismModuleInstaller implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(MechanismModuleInstaller.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        try {
            MechanismModule module = new MechanismModule(jakarta.security.enterprise.SecurityContext.class.getClassLoader());
            AuthConfigFactory.getFactory().registerServerAuthModule(module, event.getServletContext());
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "Keeping the platform's authentication module (slower per request): " + e);
        }
    }
}
