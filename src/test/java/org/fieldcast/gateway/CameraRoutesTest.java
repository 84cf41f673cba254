package org.fieldcast.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.fieldcast.station.AuthMode;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.CameraType;
import org.fieldcast.station.GatewayHop;
import org.fieldcast.station.PortForward;
import org.fieldcast.station.PortProtocol;

class CameraRoutesTest {

    private static final Duration PROBE = Duration.ofMillis(300);

    /** A camera at 10.20.0.11 (RTSP 554, HTTP 80, HTTPS 443) behind the given gateways, innermost first. */
    private static CameraConfig camera(String host, int rtspPort, List<GatewayHop> gateways) {
        return new CameraConfig("cam", "Camera", "site", "Site", CameraType.FIXED, null, host, rtspPort, 80, 443, null,
                "/?inst=1", AuthMode.NONE, null, null, true, false, null, gateways);
    }

    private static PortForward rtsp(String innerHost, int innerPort, int outerPort) {
        return new PortForward(PortProtocol.RTSP, innerHost, innerPort, outerPort);
    }

    private static PortForward http(String innerHost, int innerPort, int outerPort) {
        return new PortForward(PortProtocol.HTTP, innerHost, innerPort, outerPort);
    }

    private static CameraRoutes remote() {
        return new CameraRoutes(LocalNetworks.NONE, PROBE);
    }

    @Test
    void aCameraWithoutGatewaysIsDialledDirectly() {
        CameraConfig camera = camera("10.20.0.11", 554, List.of());
        CameraRoutes routes = remote();

        assertEquals(new Endpoint("10.20.0.11", 554, List.of()), routes.rtsp(camera));
        assertEquals(URI.create("http://10.20.0.11:80/"), routes.httpBase(camera));
        assertEquals(Optional.of(URI.create("https://10.20.0.11:443/")), routes.httpsBase(camera));
    }

    @Test
    void oneGatewayTranslatesEachProtocolThroughItsMapping() {
        GatewayHop router = new GatewayHop("gw", "198.51.100.7", List.of(
                rtsp("10.20.0.11", 554, 10554), http("10.20.0.11", 80, 10080),
                new PortForward(PortProtocol.HTTPS, "10.20.0.11", 443, 10443), rtsp("10.20.0.12", 554, 11554)));
        CameraConfig camera = camera("10.20.0.11", 554, List.of(router));
        CameraRoutes routes = remote();

        assertEquals(new Endpoint("198.51.100.7", 10554, List.of("gw")), routes.rtsp(camera));
        assertEquals(URI.create("http://198.51.100.7:10080/"), routes.httpBase(camera));
        assertEquals(Optional.of(URI.create("https://198.51.100.7:10443/")), routes.httpsBase(camera));
    }

    @Test
    void twoGatewaysAreCrossedHopByHopFromTheInsideOut() {
        GatewayHop inner = new GatewayHop("gw-inner", "10.88.0.2", List.of(rtsp("10.20.0.11", 554, 20554),
                http("10.20.0.11", 80, 20080)));
        GatewayHop outer = new GatewayHop("gw-outer", "198.51.100.7", List.of(rtsp("10.88.0.2", 20554, 30554),
                http("10.88.0.2", 20080, 30080), rtsp("10.20.0.11", 554, 99)));
        CameraConfig camera = camera("10.20.0.11", 554, List.of(inner, outer));
        CameraRoutes routes = remote();

        Endpoint endpoint = routes.rtsp(camera);
        assertEquals(new Endpoint("198.51.100.7", 30554, List.of("gw-inner", "gw-outer")), endpoint);
        assertEquals("198.51.100.7:30554 via gw-inner <- gw-outer", endpoint.toString());
        assertEquals(URI.create("http://198.51.100.7:30080/"), routes.httpBase(camera));
    }

    @Test
    void aMissingMappingNamesTheGatewayTheProtocolAndTheAddress() {
        GatewayHop inner = new GatewayHop("gw-inner", "10.88.0.2", List.of(rtsp("10.20.0.11", 554, 20554)));
        GatewayHop outer = new GatewayHop("gw-outer", "198.51.100.7", List.of(http("10.88.0.2", 20080, 30080)));
        CameraConfig camera = camera("10.20.0.11", 554, List.of(inner, outer));
        CameraRoutes routes = remote();

        UnreachableCameraException e = assertThrows(UnreachableCameraException.class, () -> routes.rtsp(camera));
        assertEquals("camera 'cam' cannot be reached through its gateways: gateway 'gw-outer' has no rtsp port mapping"
                + " to 10.88.0.2:20554", e.getMessage());
        UnreachableCameraException http = assertThrows(UnreachableCameraException.class, () -> routes.httpBase(camera));
        assertTrue(http.getMessage().contains("gateway 'gw-inner' has no http port mapping to 10.20.0.11:80"), http.getMessage());
        assertEquals(3, routes.problems(List.of(camera)).size(), "rtsp, http and https are each reported");
    }

    @Test
    void aCameraOnALocalNetworkThatAnswersIsDialledDirectlyAndOneThatDoesNotThroughItsGateways() throws IOException {
        try (ServerSocket cameraPort = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            GatewayHop router = new GatewayHop("gw", "198.51.100.7", List.of(rtsp("127.0.0.1", cameraPort.getLocalPort(), 10554)));
            CameraConfig camera = camera("127.0.0.1", cameraPort.getLocalPort(), List.of(router));
            CameraRoutes routes = new CameraRoutes(LocalNetworks.parse("127.0.0.0/8", ""), PROBE);

            assertEquals(new Endpoint("127.0.0.1", cameraPort.getLocalPort(), List.of()), routes.rtsp(camera));
            assertTrue(routes.direct(camera));

            cameraPort.close();
            assertTrue(routes.direct(camera), "the choice is kept until something fails");
            routes.failed(camera.id());
            assertFalse(routes.direct(camera), "after a failure the probe is asked again");
            assertEquals(new Endpoint("198.51.100.7", 10554, List.of("gw")), routes.rtsp(camera));
        }
    }

    @Test
    void aCameraOutsideTheLocalNetworksIsNotProbed() throws IOException {
        try (ServerSocket cameraPort = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            GatewayHop router = new GatewayHop("gw", "198.51.100.7", List.of(rtsp("127.0.0.1", cameraPort.getLocalPort(), 10554)));
            CameraConfig camera = camera("127.0.0.1", cameraPort.getLocalPort(), List.of(router));

            assertFalse(new CameraRoutes(LocalNetworks.parse("192.168.10.0/24, fd00::/8", ""), PROBE).direct(camera));
            assertTrue(new CameraRoutes(LocalNetworks.parse("", "other-site, site"), PROBE).direct(camera),
                    "a local site counts whatever the address");
        }
    }

    @Test
    void localNetworksMatchAddressLiteralsByPrefix() {
        LocalNetworks local = LocalNetworks.parse("192.168.10.0/24 10.0.0.0/8, fd00::/8", "");
        assertTrue(local.covers(camera("192.168.10.21", 554, List.of())));
        assertFalse(local.covers(camera("192.168.11.21", 554, List.of())));
        assertTrue(local.covers(camera("10.250.1.1", 554, List.of())));
        assertTrue(local.covers(camera("fd12::5", 554, List.of())));
        assertFalse(local.covers(camera("camera.example", 554, List.of())), "names are never looked up");
        assertThrows(IllegalArgumentException.class, () -> LocalNetworks.parse("192.168.10.0/33", ""));
    }
}
