package org.fieldcast.stream;

import java.util.Optional;
import org.fieldcast.station.CameraConfig;

/** Opens each pull's input. A seam: {@link ProxiedInputs} in production, a fake in tests. */
public interface PullInputs {

    /** @throws RuntimeException when the camera has no route or its password does not decrypt, saying why */
    PullInput open(CameraConfig camera);

    /**
     * The audio encoding this stream of the camera (its {@link CameraConfig#rtspPath()}) described last
     * ("" for none), empty when it was never described since start.
     */
    Optional<String> audioLastDescribed(CameraConfig camera);
}
