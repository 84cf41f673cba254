package org.fieldcast.camera;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes the one {@link CameraHttp} of the server, on the container's executor. */
@ApplicationScoped
public class CameraHttpProducer {

    /** How long a camera's web interface may take to connect, and to answer one request. */
    @Inject
    @ConfigProperty(name = "fieldcast.camera.http-timeout", defaultValue = "PT5S")
    Duration timeout;

    @Resource
    ManagedExecutorService executor;

    @Produces
    @Singleton // a plain class with final methods: no client proxy needed or possible
    CameraHttp cameraHttp() {
        return new CameraHttp(executor, timeout);
    }
}
