package org.fieldcast.ptz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.fieldcast.gateway.UnreachableCameraException;
import org.fieldcast.station.AuthMode;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.CameraType;

/** RCP+ over a route that changes: a command that cannot reach the camera has the route chosen again. */
class RoutedRcpClientTest {
    private static final RcpCommand READ_NAME = RcpCommand.read(0x0024, RcpType.P_UNICODE, 1);
    private final AtomicInteger choices = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aCommandThatFindsNoCameraHasTheRouteChosenAgainAndTheNextGoesTheNewWay() throws Exception {
        int dead = closedPort();
        int alive = answering("<rcp><result><len>0</len><str></str></result></rcp>");
        // The local address first; after a failure the route choice gives the gateway's mapping.
        AtomicReference<CameraConfig> route = new AtomicReference<>(camera(dead));
        RoutedRcpClient rcp = client(route::get, () -> route.set(camera(alive)));

        ExecutionException first = assertThrows(ExecutionException.class, () -> rcp.send(READ_NAME).get(5, TimeUnit.SECONDS));
        assertInstanceOf(CameraException.class, first.getCause());
        assertEquals(1, choices.get(), "the failure asked for a new route choice");

        assertTrue(rcp.send(READ_NAME).get(5, TimeUnit.SECONDS).bytes().length == 0);
        assertEquals(1, choices.get(), "an answer keeps the route");
    }

    @Test
    void aCameraThatAnswersWithAnErrorKeepsItsRoute() throws Exception {
        int port = answering("<rcp><command><hex>0x0024</hex></command><err>0x60</err></rcp>");
        RoutedRcpClient rcp = client(() -> camera(port), () -> { });
        ExecutionException e = assertThrows(ExecutionException.class, () -> rcp.send(READ_NAME).get(5, TimeUnit.SECONDS));
        assertInstanceOf(CameraCommandException.class, e.getCause());
        assertEquals(0, choices.get());
        assertFalse(RoutedRcpClient.didNotReach(e.getCause()));
    }

    @Test
    void noRouteAtAllFailsTheCommandWithWhy() {
        RoutedRcpClient rcp = client(() -> {
            throw new UnreachableCameraException("camera 'dome' cannot be reached through its gateways: no HTTP mapping");
        }, () -> { });
        ExecutionException e = assertThrows(ExecutionException.class, () -> rcp.send(READ_NAME).get(5, TimeUnit.SECONDS));
        assertInstanceOf(UnreachableCameraException.class, e.getCause());
    }

    private RoutedRcpClient client(java.util.function.Supplier<CameraConfig> reach, Runnable chooseAgain) {
        return new RoutedRcpClient(reach, () -> {
            choices.incrementAndGet();
            chooseAgain.run();
        }, reached -> RcpClient.forCamera(reached, Duration.ofSeconds(2), false, Runnable::run));
    }

    private int answering(String xml) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/rcp.xml", exchange -> {
            byte[] body = xml.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static CameraConfig camera(int httpPort) {
        return new CameraConfig("dome", "Dome", "site", "Site", CameraType.PTZ, null, "127.0.0.1",
                554, httpPort, 0, null, "/", AuthMode.NONE, null, null, true, false);
    }
}
