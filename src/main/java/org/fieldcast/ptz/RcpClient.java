package org.fieldcast.ptz;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.fieldcast.camera.CameraAnswer;
import org.fieldcast.camera.CameraHttpException;
import org.fieldcast.camera.CameraTransport;
import org.fieldcast.station.CameraConfig;

/**
 * RCP+ over CGI to one camera: the command encoded as {@code GET /rcp.xml?...}, sent over the camera
 * transport (which owns HTTPS, authentication and the timeout), the reply parsed, and an RCP+
 * {@code <err>} (which arrives as HTTP 200, RCP+ 1.5) turned into a {@link CameraCommandException}.
 * <p>
 * The camera's route is looked up for every command (the gateway code keeps its choice, so that is a
 * map lookup). A command that cannot reach the camera (no connection, TLS refused, no answer in time)
 * has the route chosen again, so the next one may go through the gateways instead of the local
 * network, or back; a camera that answers, even with an error, keeps its route. Sends what it is
 * given at once: pacing is the {@link CameraCommandQueue}'s job.
 */
final class RcpClient {
    private final Supplier<CameraConfig> reach;
    private final Runnable unreachable;
    private final CameraTransport transport;
    private final Duration timeout;

    /**
     * @param reach       the camera as reached now (its route, its password decrypted); may throw when
     *                    there is no route or the password does not decrypt
     * @param unreachable told when a command did not reach the camera
     * @param timeout     how long one rcp.xml request may take, connecting included
     */
    RcpClient(Supplier<CameraConfig> reach, Runnable unreachable, CameraTransport transport, Duration timeout) {
        this.reach = reach;
        this.unreachable = unreachable;
        this.transport = transport;
        this.timeout = timeout;
    }

    /** Sends one command; completes with the reply, or exceptionally with a {@link CameraException}. */
    CompletableFuture<RcpReply> send(RcpCommand command) {
        CameraConfig camera;
        try {
            camera = reach.get();
        } catch (RuntimeException noRouteOrPassword) {
            return CompletableFuture.failedFuture(noRouteOrPassword);
        }
        return transport.get(camera, "rcp.xml?" + command.query(), timeout).handle((answer, failure) -> {
            if (failure != null) {
                throw translate(failure);
            }
            return reply(camera.id(), command, answer);
        });
    }

    private static RcpReply reply(String cameraId, RcpCommand command, CameraAnswer answer) {
        if (answer.status() != 200) {
            throw new CameraException("camera '" + cameraId + "' answered HTTP " + answer.status() + " to rcp.xml");
        }
        RcpReply reply;
        try {
            reply = RcpReply.parse(answer.text());
        } catch (IllegalArgumentException e) {
            throw new CameraException("camera '" + cameraId + "' sent a reply that is not RCP+: " + e.getMessage(), e);
        }
        if (reply.failed()) {
            throw new CameraCommandException("camera '" + cameraId + "' refused " + command.describe() + ": "
                    + RcpError.describe(reply.error().getAsInt()));
        }
        return reply;
    }

    /** The transport's failure as the PTZ feature's: 504 for a timeout, 502 for the rest; route chosen again if unreached. */
    private RuntimeException translate(Throwable failure) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (!(e instanceof CameraHttpException http)) {
            return e instanceof RuntimeException r ? r : new CompletionException(e);
        }
        if (http.unreachable()) {
            unreachable.run();
        }
        return http.timedOut() ? new CameraTimeoutException(http.getMessage(), http) : new CameraException(http.getMessage(), http);
    }
}
