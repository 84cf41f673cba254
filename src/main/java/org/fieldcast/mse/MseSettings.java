package org.fieldcast.mse;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code /ws/mse} socket's configuration, read and checked once. */
@ApplicationScoped
public class MseSettings {

    /**
     * How far behind live a camera may fall in one socket before its queued fragments are dropped and it
     * resumes at the next keyframe: the span of media waiting to be sent. Half a second: the socket is
     * the sub-second view, and a viewer further behind sees the past, not the scene.
     */
    @Inject
    @ConfigProperty(name = "fieldcast.mse.max-backlog", defaultValue = "PT0.5S")
    Duration maxBacklog;

    /**
     * Bytes one socket may hold queued across all its cameras; beyond, the camera whose fragment does
     * not fit is dropped to its next keyframe. 2 MiB: a 16-camera grid's half second at 1 Mbit/s each.
     */
    @Inject
    @ConfigProperty(name = "fieldcast.mse.socket-bytes", defaultValue = "2097152")
    long socketBytes;

    /** How many cameras (or substreams) one socket may subscribe to; further ones get a notice each. */
    @Inject
    @ConfigProperty(name = "fieldcast.mse.socket-cameras", defaultValue = "16")
    int socketCameras;

    @PostConstruct
    void check() {
        if (maxBacklog.isNegative() || maxBacklog.isZero() || socketBytes < 64 * 1024 || socketCameras < 1
                || socketCameras > 255) {
            throw new IllegalArgumentException("fieldcast.mse.max-backlog must be positive, fieldcast.mse.socket-bytes "
                    + "at least 65536 and fieldcast.mse.socket-cameras 1 to 255");
        }
    }

    public Duration maxBacklog() {
        return maxBacklog;
    }

    public long socketBytes() {
        return socketBytes;
    }

    public int socketCameras() {
        return socketCameras;
    }
}
