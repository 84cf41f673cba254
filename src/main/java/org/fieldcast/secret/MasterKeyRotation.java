package org.fieldcast.secret;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Master-key rotation without downtime: when a new key appears in front of the key ring (the key
 * file changed, or a restart with a new key), every site key is wrapped again with it. Until then
 * the old key keeps unwrapping, so cameras never stop; once {@link SiteKeys#status()} shows no site
 * key under the old key, it can be taken out of the file.
 */
@ApplicationScoped
public class MasterKeyRotation {

    private static final Logger LOG = Logger.getLogger(MasterKeyRotation.class.getName());
    private static final long CHECK_SECONDS = 5;

    @Inject
    MasterKeys masterKeys;

    @Inject
    SiteKeys siteKeys;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private List<String> seen = List.of(); // guarded by this
    private ScheduledFuture<?> checking;

    // After the stations (LIBRARY_BEFORE): the schema is migrated by then.
    void start(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE + 10) @Initialized(ApplicationScoped.class)
               Object event) {
        check();
        checking = scheduler.scheduleWithFixedDelay(this::check, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (checking != null) {
            checking.cancel(false);
        }
    }

    synchronized void check() {
        List<String> ids = masterKeys.ring().ids();
        if (ids.equals(seen) || ids.isEmpty()) {
            return;
        }
        try {
            siteKeys.rewrap();
            siteKeys.forget();
            seen = ids;
        } catch (RuntimeException e) {
            // Tried again at the next check; the old keys keep working meanwhile.
            LOG.log(Level.WARNING, "Wrapping the site keys with master key " + ids.get(0) + " failed: " + e.getMessage());
        }
    }
}
