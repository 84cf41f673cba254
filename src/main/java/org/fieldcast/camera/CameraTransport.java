package org.fieldcast.camera;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.fieldcast.station.CameraConfig;

/**
 * A camera's web interface as Fieldcast reaches it: the seam between what a feature asks of a camera
 * (a snapshot, an RCP+ command) and the network. {@link CameraHttp} is the real one; tests put a
 * hand-written fake camera here.
 */
public interface CameraTransport {

    /**
     * GET {@code pathAndQuery} (e.g. {@code rcp.xml?command=...}) relative to the camera's base,
     * authenticated. Completes with the camera's answer, or exceptionally with a
     * {@link CameraHttpException} that says whether the camera answered at all.
     *
     * @param camera  the camera as reached (its route, its password decrypted)
     * @param timeout how long connecting and answering may take together
     */
    CompletableFuture<CameraAnswer> get(CameraConfig camera, String pathAndQuery, Duration timeout);
}
