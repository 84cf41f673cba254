package org.fieldcast.mjpeg;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The sub-second path's configuration, read and checked once when the application starts. */
@ApplicationScoped
public class MjpegSettings {

    /**
     * The JPEG profiles viewers may ask for ({@code ?profile=NAME}), as
     * {@code name=WIDTHxHEIGHT@FPS:qQUALITY}, comma-separated; {@code default} is required and is what a
     * request without a profile gets. At most {@value JpegProfiles#MAX}: each profile in use costs a
     * transcoder per camera.
     */
    @Inject
    @ConfigProperty(name = "fieldcast.mjpeg.profiles", defaultValue = "default=1280x720@25:q5,small=640x360@10:q8")
    String profileList;

    /** How long a snapshot request waits for a fresh picture when no transcoder of its profile runs. */
    @Inject
    @ConfigProperty(name = "fieldcast.mjpeg.snapshot-timeout", defaultValue = "PT5S")
    Duration snapshotTimeout;

    /**
     * How many cameras one {@code /ws/frames} socket may subscribe to at once; further ones are refused
     * with a notice each. 16: the 4x4 grid the dashboard's one socket is made for, and as many as one
     * client address may keep transcoding ({@code fieldcast.limits.transcoders}), so a socket never asks
     * for more than its address may have. A bigger wall of sub-second tiles raises both.
     */
    @Inject
    @ConfigProperty(name = "fieldcast.mjpeg.socket-cameras", defaultValue = "16")
    int socketCameras;

    private JpegProfiles profiles;

    /** Creating the bean at start-up is what checks the settings: a mistake stops the deployment. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        profiles();
    }

    @PostConstruct
    void check() {
        profiles = JpegProfiles.parse(profileList);
        if (snapshotTimeout.isNegative() || snapshotTimeout.isZero() || socketCameras < 1 || socketCameras > 255) {
            throw new IllegalArgumentException("fieldcast.mjpeg.snapshot-timeout must be positive and "
                    + "fieldcast.mjpeg.socket-cameras 1 to 255");
        }
    }

    public JpegProfiles profiles() {
        return profiles;
    }

    public Duration snapshotTimeout() {
        return snapshotTimeout;
    }

    public int socketCameras() {
        return socketCameras;
    }
}
