package org.fieldcast.ptz;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.fieldcast.camera.CameraAnswer;
import org.fieldcast.camera.CameraHttpException;
import org.fieldcast.camera.CameraTransport;
import org.fieldcast.station.CameraConfig;

/**
 * A camera's web interface for RCP+ client tests: records each request (which camera address, which
 * path, which timeout) and gives the answers or failures queued by the test, in order.
 */
final class FakeCameraTransport implements CameraTransport {
    record Request(CameraConfig camera, String pathAndQuery, Duration timeout) {
    }

    private final List<Request> requests = new ArrayList<>();
    private final Deque<CompletableFuture<CameraAnswer>> outcomes = new ArrayDeque<>();

    FakeCameraTransport answers(int status, String body) {
        outcomes.add(CompletableFuture.completedFuture(new CameraAnswer(status, body.getBytes(StandardCharsets.UTF_8))));
        return this;
    }

    FakeCameraTransport fails(CameraHttpException failure) {
        outcomes.add(CompletableFuture.failedFuture(failure));
        return this;
    }

    @Override
    public synchronized CompletableFuture<CameraAnswer> get(CameraConfig camera, String pathAndQuery, Duration timeout) {
        requests.add(new Request(camera, pathAndQuery, timeout));
        CompletableFuture<CameraAnswer> next = outcomes.poll();
        if (next == null) {
            throw new AssertionError("the test queued no answer for " + pathAndQuery);
        }
        return next;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }
}
