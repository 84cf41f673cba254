package org.fieldcast.camera;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.fieldcast.station.StationsChanged;

/** Makes the one {@link CameraHttp} of the server at start, on the container's executor. */
@ApplicationScoped
public class CameraHttpProducer {
    static final String TRUST_ON_FIRST_USE = "fieldcast.camera.trust-on-first-use";
    /** The same setting's name from when only PTZ used HTTPS; still read, with a warning. */
    static final String OLD_TRUST_ON_FIRST_USE = "fieldcast.ptz.trust-on-first-use";
    private static final Logger LOG = Logger.getLogger(CameraHttpProducer.class.getName());

    /** How long a request to a camera's web interface may take, connecting included, where the caller names no time. */
    @Inject
    @ConfigProperty(name = "fieldcast.camera.http-timeout", defaultValue = "PT5S")
    Duration timeout;

    /**
     * Accept the first certificate of an HTTPS camera that has no pinned fingerprint, and log its
     * fingerprint to pin. Default: off, so an unpinned self-signed certificate is refused.
     */
    @Inject
    @ConfigProperty(name = TRUST_ON_FIRST_USE)
    Optional<Boolean> trustOnFirstUse;

    @Inject
    @ConfigProperty(name = OLD_TRUST_ON_FIRST_USE)
    Optional<Boolean> oldTrustOnFirstUse;

    @Resource
    ManagedExecutorService executor;

    private CameraHttp http;

    @PostConstruct
    void open() {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("fieldcast.camera.http-timeout must be positive, was " + timeout);
        }
        http = new CameraHttp(executor, timeout, trustOnFirstUse(trustOnFirstUse, oldTrustOnFirstUse, LOG::warning));
    }

    /** Made at start, so a bad or renamed setting is reported then, and once. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // observing is enough: the container makes this bean to deliver the event
    }

    @Produces
    @Singleton // a plain class with final methods: no client proxy needed or possible
    CameraHttp cameraHttp() {
        return http;
    }

    void stationsChanged(@Observes StationsChanged change) {
        http.forget(change.removedIds());
    }

    /** The new key wins; the old one still counts where the new is not set, and is reported either way. */
    static boolean trustOnFirstUse(Optional<Boolean> current, Optional<Boolean> old, Consumer<String> warn) {
        if (old.isPresent()) {
            warn.accept(OLD_TRUST_ON_FIRST_USE + " is deprecated: set " + TRUST_ON_FIRST_USE + " instead"
                    + (current.isPresent() ? " (it is set, so " + OLD_TRUST_ON_FIRST_USE + " is ignored)" : ""));
        }
        return current.or(() -> old).orElse(false);
    }
}
