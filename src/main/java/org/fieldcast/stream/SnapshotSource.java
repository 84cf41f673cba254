package org.fieldcast.stream;

import java.util.concurrent.CompletableFuture;
import org.fieldcast.station.CameraConfig;
/**
 * The camera's HTTP snapshot ({@code /snap.jpg}, through its route, with its auth): the stand-in for
 * live video while RTSP fails. A seam, because the camera's HTTP transport has a fake in tests.
 */
public interface SnapshotSource {

    /** One JPEG; completes exceptionally with a reason an operator can read when there is none. */
    CompletableFuture<byte[]> fetch(CameraConfig camera);
}
