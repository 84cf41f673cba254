package org.fieldcast.ptz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.fieldcast.camera.CameraHttp;
import org.fieldcast.camera.CameraHttpException;
import org.fieldcast.camera.CameraTransport;
import org.fieldcast.gateway.UnreachableCameraException;
import org.fieldcast.station.AuthMode;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.CameraType;

/**
 * RCP+ as a codec on the camera transport: the request it sends, how it reads the answer, and which
 * failures have the camera's route chosen again (only those where the camera never answered).
 */
class RcpClientTest {
    private static final RcpCommand READ_NAME = RcpCommand.read(0x0024, RcpType.P_UNICODE, 1);
    private static final String EMPTY = "<rcp><result><len>0</len><str></str></result></rcp>";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private final AtomicInteger choices = new AtomicInteger();
    private final FakeCameraTransport camera = new FakeCameraTransport();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aCommandIsOneGetOfRcpXmlWithThePtzTimeout() throws Exception {
        camera.answers(200, "<rcp><result><dec>1</dec></result></rcp>");
        RcpReply reply = send(client(() -> camera(80), camera), RcpCommand.bicom(1, Bicom.move(PtzVelocity.STOP)));
        assertTrue(reply.flag());
        FakeCameraTransport.Request sent = camera.requests().get(0);
        assertEquals("rcp.xml?command=0x09A5&type=P_OCTET&direction=WRITE&num=1&payload=0x800006011085000000",
                sent.pathAndQuery());
        assertEquals(TIMEOUT, sent.timeout());
    }

    @Test
    void anUnreachableCameraHasItsRouteChosenAgainAndTheNextCommandGoesTheNewWay() throws Exception {
        camera.fails(new CameraHttpException("cannot connect to camera 'dome' at 10.0.0.9:80", new ConnectException()))
                .answers(200, EMPTY);
        AtomicReference<CameraConfig> route = new AtomicReference<>(camera(80));
        RcpClient rcp = client(route::get, camera, () -> route.set(camera(10080)));

        CameraException first = failure(rcp, CameraException.class);
        assertEquals(502, first.status());
        assertEquals("cannot connect to camera 'dome' at 10.0.0.9:80", first.getMessage());
        assertEquals(1, choices.get(), "the failure asked for a new route choice");

        send(rcp, READ_NAME);
        assertEquals(10080, camera.requests().get(1).camera().httpPort(), "the second command took the new route");
        assertEquals(1, choices.get(), "an answer keeps the route");
    }

    @Test
    void aTimeoutIsA504AndChoosesTheRouteAgain() {
        camera.fails(new CameraHttpException("camera 'dome' did not answer within 3000 ms", new HttpTimeoutException("timed out")));
        CameraTimeoutException e = failure(client(() -> camera(80), camera), CameraTimeoutException.class);
        assertEquals(504, e.status());
        assertEquals("camera 'dome' did not answer within 3000 ms", e.getMessage());
        assertEquals(1, choices.get());
    }

    @Test
    void aCameraThatAnswersKeepsItsRouteWhateverItSays() {
        camera.answers(200, "<rcp><command><hex>0x0024</hex></command><err>0x60</err></rcp>")
                .answers(500, "")
                .answers(200, "<html>login</html>")
                .fails(new CameraHttpException("camera 'dome' refused the credentials of user 'service' (HTTP 401)"));
        RcpClient rcp = client(() -> camera(80), camera);

        assertTrue(failure(rcp, CameraCommandException.class).getMessage().contains("refused 0x0024 READ num=1"));
        assertEquals("camera 'dome' answered HTTP 500 to rcp.xml", failure(rcp, CameraException.class).getMessage());
        assertTrue(failure(rcp, CameraException.class).getMessage().contains("not RCP+"));
        assertEquals("camera 'dome' refused the credentials of user 'service' (HTTP 401)",
                failure(rcp, CameraException.class).getMessage());
        assertEquals(0, choices.get());
    }

    @Test
    void noRouteAtAllFailsTheCommandWithWhyAndSendsNothing() {
        RcpClient rcp = client(() -> {
            throw new UnreachableCameraException("camera 'dome' cannot be reached through its gateways: no HTTP mapping");
        }, camera);
        failure(rcp, UnreachableCameraException.class);
        assertEquals(0, camera.requests().size());
    }

    /** The same over the real transport on loopback: a closed port, then the route to a camera that answers. */
    @Test
    void overHttpACameraThatIsNotThereHasTheRouteChosenAgain() throws Exception {
        int dead = closedPort();
        int alive = answering(EMPTY);
        AtomicReference<CameraConfig> route = new AtomicReference<>(camera(dead));
        RcpClient rcp = client(route::get, new CameraHttp(Runnable::run, Duration.ofSeconds(5), false), () -> route.set(camera(alive)));

        assertTrue(failure(rcp, CameraException.class).getMessage().startsWith("cannot connect to camera 'dome'"));
        assertEquals(1, choices.get());
        assertEquals(0, send(rcp, READ_NAME).bytes().length);
        assertEquals(1, choices.get());
    }

    private RcpClient client(Supplier<CameraConfig> reach, CameraTransport transport) {
        return client(reach, transport, () -> { });
    }

    private RcpClient client(Supplier<CameraConfig> reach, CameraTransport transport, Runnable chooseAgain) {
        return new RcpClient(reach, () -> {
            choices.incrementAndGet();
            chooseAgain.run();
        }, transport, TIMEOUT);
    }

    private static RcpReply send(RcpClient rcp, RcpCommand command) throws Exception {
        return rcp.send(command).get(5, TimeUnit.SECONDS);
    }

    private static <T extends Throwable> T failure(RcpClient rcp, Class<T> type) {
        CompletableFuture<RcpReply> sent = rcp.send(READ_NAME);
        ExecutionException e = assertThrows(ExecutionException.class, () -> sent.get(5, TimeUnit.SECONDS));
        return assertInstanceOf(type, e.getCause());
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
