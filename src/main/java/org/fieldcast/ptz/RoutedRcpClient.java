package org.fieldcast.ptz;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.fieldcast.station.CameraConfig;
/**
 * RCP+ to one camera over its current route. The route is looked up for every command (the gateway
 * code keeps its choice, so that is a map lookup) and the HTTP client is made again only when the
 * route changes. A command that cannot reach the camera (no connection, TLS failed, no answer in time)
 * has the route chosen again, so the next command may go through the gateways instead of the local
 * network, or back: a camera that answers, even with an error, keeps its route.
 */
final class RoutedRcpClient {
    private final Supplier<CameraConfig> reach;
    private final Runnable unreachable;
    private final Function<CameraConfig, RcpClient> connect;
    private RcpClient client;
    private String route;

    /**
     * @param reach       the camera as reached now (its route, its password decrypted); may throw when
     *                    there is no route or the password does not decrypt
     * @param unreachable told when a command did not reach the camera
     * @param connect     makes a client for the camera as reached
     */
    RoutedRcpClient(Supplier<CameraConfig> reach, Runnable unreachable, Function<CameraConfig, RcpClient> connect) {
        this.reach = reach;
        this.unreachable = unreachable;
        this.connect = connect;
    }

    CompletableFuture<RcpReply> send(RcpCommand command) {
        RcpClient current;
        try {
            current = current();
        } catch (RuntimeException noRouteOrPassword) {
            return CompletableFuture.failedFuture(noRouteOrPassword);
        }
        return current.send(command).whenComplete((reply, failure) -> {
            if (failure != null && didNotReach(failure)) {
                unreachable.run();
            }
        });
    }

    private synchronized RcpClient current() {
        CameraConfig camera = reach.get();
        String now = camera.httpBase() + " " + camera.httpsBase();
        if (client == null || !now.equals(route)) {
            client = connect.apply(camera);
            route = now;
        }
        return client;
    }

    /**
     * The camera never answered: {@link RcpClient} turns every connection, TLS and timeout failure into a
     * {@link CameraException} caused by the I/O failure; an answer it could not use has no such cause.
     */
    static boolean didNotReach(Throwable failure) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return e.getCause() instanceof IOException;
    }
}
